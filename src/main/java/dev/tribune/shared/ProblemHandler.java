package dev.tribune.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every exception that reaches Spring MVC into {@code application/problem+json}: our own
 * {@link ApiException}s, Spring's own (unreadable JSON, wrong types, missing parameters, unknown paths,
 * wrong methods...), and anything unexpected as a 500 that says nothing about internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException ex, HttpServletRequest request) {
        ProblemDetail body = Problems.detail(ex, request.getRequestURI());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(ex.type().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (ex.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(ex.retryAfter()));
        }
        return answer.body(body);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return handleApi(new ApiException(ProblemType.VALIDATION, summary(errors), errors, null), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex, HttpServletRequest request) {
        return handleApi(ApiException.forbidden("You are not allowed to do this."), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException ex, HttpServletRequest request) {
        return handleApi(ApiException.unauthorized("Authentication is required."), request);
    }

    /**
     * The database is unreachable, the pool had no connection within its timeout, or PostgreSQL ended a statement
     * or lock wait that ran past {@code tribune.db.*}: the request can be tried again shortly, so 503, not 500.
     */
    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class, RecoverableDataAccessException.class})
    ResponseEntity<ProblemDetail> handleDatabaseUnavailable(Exception ex, HttpServletRequest request) {
        log.warn("Database unavailable answering {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
        return handleApi(ApiException.databaseUnavailable(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
        if (isTransientDatabaseFailure(ex)) {
            return handleDatabaseUnavailable(ex, request);
        }
        log.error("Unexpected error answering {} {}", request.getMethod(), request.getRequestURI(), ex);
        return handleApi(new ApiException(ProblemType.INTERNAL, "Something went wrong on our side."), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> errors.add(new FieldProblem(e.getField(), e.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
        return validation(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fe ? fe.getField() : name;
                errors.add(new FieldProblem(field, error.getDefaultMessage()));
            }
        });
        return validation(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validation(List.of(new FieldProblem(ex.getParameterName(), "is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        Class<?> required = ex.getRequiredType();
        String expected = required == null ? "a valid value" : describe(required);
        return validation(List.of(new FieldProblem(field, "must be " + expected)), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = findCause(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            ProblemDetail body = Problems.detail(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), path(request));
            return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        JacksonException jackson = findCause(ex, JacksonException.class);
        if (jackson instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            String message = mismatch instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    ? "must be " + describe(invalid.getTargetType())
                    : mismatch.getTargetType() != null ? "must be " + describe(mismatch.getTargetType()) : "has the wrong type";
            return validation(List.of(new FieldProblem(field, message)), request);
        }
        String detail = ex.getCause() == null ? "The request body is missing." : "The request body is not valid JSON.";
        ProblemDetail body = Problems.detail(ProblemType.VALIDATION, detail, path(request));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** Every other Spring MVC exception: keep Spring's status and detail, give it our type and shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemType type = ProblemType.forStatus(statusCode.value());
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : type.title();
        if (statusCode.value() == 404) {
            detail = "No such resource.";
        }
        ProblemDetail problem = Problems.detail(type, detail, path(request));
        HttpHeaders answerHeaders = new HttpHeaders();
        if (headers != null) {
            answerHeaders.putAll(headers);
        }
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, answerHeaders, statusCode);
    }

    private ResponseEntity<Object> validation(List<FieldProblem> errors, WebRequest request) {
        ProblemDetail body = Problems.detail(ProblemType.VALIDATION, summary(errors), path(request), errors);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /**
     * Spring's SQL-state translation leaves some of PostgreSQL's "try again" answers uncategorised (a lock timeout,
     * 55P03, comes back as UncategorizedSQLException): judge them by their SQL state. Class 08 connection failures,
     * 53 insufficient resources, 57 operator intervention (statement timeout 57014, shutdown 57P0x), 55P03 lock not
     * available, 25P03 idle-in-transaction timeout, 40001/40P01 serialization failure and deadlock.
     */
    private static boolean isTransientDatabaseFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.equals("55P03")
                        || state.equals("25P03") || state.equals("40001") || state.equals("40P01");
            }
        }
        return false;
    }

    private static String summary(List<FieldProblem> errors) {
        if (errors.isEmpty()) {
            return "The request is not valid.";
        }
        return errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElseThrow();
    }

    private static String fieldPath(MismatchedInputException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object c : constants) {
                names.add(((Enum<?>) c).name());
            }
            return "one of " + String.join(", ", names);
        }
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "int", "Integer", "long", "Long", "short", "Short" -> "a whole number";
            case "double", "Double", "float", "Float", "BigDecimal" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "an ISO-8601 timestamp";
            case "String" -> "a string";
            default -> "a valid " + type.getSimpleName();
        };
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
