package dev.tribune.shared;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a module throws to answer a request with a problem. The one error path: the web layer turns it
 * into {@code application/problem+json} with the kind's stable type URI.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldProblem> errors;
    private final Duration retryAfter;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ApiException(ProblemType type, String detail, List<FieldProblem> errors, Duration retryAfter) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ProblemType.VALIDATION, field + ": " + message, List.of(new FieldProblem(field, message)), null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(ProblemType.UNAUTHORIZED, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public static ApiException rateLimited(String detail, Duration retryAfter) {
        return new ApiException(ProblemType.RATE_LIMITED, detail, List.of(), retryAfter);
    }

    /** The database could not be used for this request (unreachable, no pooled connection in time, a timeout). */
    public static ApiException databaseUnavailable() {
        return new ApiException(ProblemType.SERVICE_UNAVAILABLE, "The service cannot reach its database right now; try again shortly.",
                List.of(), Duration.ofSeconds(5));
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** Extra members of the problem body beyond {@code type}, {@code detail} and {@code errors}; values may be null. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** How long the client should wait before trying again, or null when waiting would not help. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
