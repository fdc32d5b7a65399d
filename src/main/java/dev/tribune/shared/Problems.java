package dev.tribune.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds every problem answer, for controllers and for the filters that answer before a controller runs
 * (security, request size), so all of them have the same shape.
 */
@Component
public class Problems {

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail detail(ProblemType type, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        return problem;
    }

    public static ProblemDetail detail(ProblemType type, String detail, String path, List<FieldProblem> errors) {
        ProblemDetail problem = detail(type, detail, path);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** The body of a thrown problem, its extra {@link ApiException#properties()} included. */
    public static ProblemDetail detail(ApiException ex, String path) {
        ProblemDetail problem = detail(ex.type(), ex.getMessage(), path, ex.errors());
        ex.properties().forEach(problem::setProperty);
        return problem;
    }

    public static String retryAfterSeconds(Duration retryAfter) {
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** Writes a problem straight to the servlet response, for code that runs outside Spring MVC. */
    public void write(HttpServletRequest request, HttpServletResponse response, ApiException problem) throws IOException {
        write(response, detail(problem, request.getRequestURI()), problem.retryAfter());
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail) throws IOException {
        write(response, detail(type, detail, request.getRequestURI()), null);
    }

    private void write(HttpServletResponse response, ProblemDetail problem, Duration retryAfter) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
