package dev.tribune.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses with 406 an {@code Accept} header that no JSON answer satisfies (or that cannot be read), before an API
 * controller runs: Spring finds that out only when it writes the answer, after the handler has done its work, so
 * {@code POST .../end} with {@code Accept: image/png} ended the room and then said 406. An interceptor, not a filter:
 * it runs only once a controller method was found, so an unknown path stays a 404. Vendor webhooks are left alone
 * (what a vendor accepts is its business, and those answers have no body).
 */
class AcceptCheck implements HandlerInterceptor {

    /** The one answer that may also be CSV (the ban export, `?format=csv`). */
    private static final String CSV_EXPORT = "/api/v1/bans/export";
    private static final MediaType CSV = new MediaType("text", "csv");

    private final Problems problems;

    AcceptCheck(Problems problems) {
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (handler instanceof HandlerMethod && path.startsWith("/api/") && !path.startsWith("/api/v1/webhooks/")
                && !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))
                && !(path.equals(CSV_EXPORT) && accepts(request.getHeader(HttpHeaders.ACCEPT), CSV))) {
            problems.write(request, response, ProblemType.NOT_ACCEPTABLE,
                    "This API answers in application/json (errors in application/problem+json): accept one of them.");
            return false;
        }
        return true;
    }

    private static boolean accepts(String header, MediaType type) {
        try {
            return MediaType.parseMediaTypes(header).stream().anyMatch(m -> m.getQualityValue() > 0 && m.isCompatibleWith(type));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    static boolean acceptsJson(String header) {
        if (header == null || header.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(header).stream().anyMatch(m -> m.getQualityValue() > 0
                    && (m.isCompatibleWith(MediaType.APPLICATION_JSON) || m.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
        } catch (IllegalArgumentException unreadable) { // InvalidMediaTypeException, or a bad quality value
            return false;
        }
    }

}
