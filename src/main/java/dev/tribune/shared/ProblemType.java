package dev.tribune.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A kind of problem, with the stable {@code type} URI clients use to tell two answers of the same status apart.
 * Modules declare their own kinds next to the code that raises them; the common ones live here.
 */
public record ProblemType(String slug, HttpStatus status, String title) {

    public static final ProblemType VALIDATION = new ProblemType("validation", HttpStatus.BAD_REQUEST, "Invalid request");
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized");
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", HttpStatus.FORBIDDEN, "Forbidden");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", HttpStatus.NOT_FOUND, "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable");
    public static final ProblemType CONFLICT = new ProblemType("conflict", HttpStatus.CONFLICT, "Conflict");
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");
    public static final ProblemType RATE_LIMITED = new ProblemType("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests");
    public static final ProblemType INTERNAL = new ProblemType("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    public static final ProblemType SERVICE_UNAVAILABLE =
            new ProblemType("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable");

    public URI uri() {
        return URI.create("/problems/" + slug);
    }

    /** The generic kind for a status that no handler gave a kind of its own. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400, 422 -> VALIDATION;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL
                    : new ProblemType("http-" + status, HttpStatus.valueOf(status), HttpStatus.valueOf(status).getReasonPhrase());
        };
    }
}
