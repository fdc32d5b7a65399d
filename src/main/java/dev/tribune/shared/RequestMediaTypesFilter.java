package dev.tribune.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 a {@code Content-Type} that names no concrete media type ({@code *}{@code /*}, {@code text/*},
 * {@code ;;}) and any {@code multipart/*} body, before Spring MVC sees them: Spring asserts that a request's content
 * type is concrete deep inside body reading (an IllegalArgumentException, so a 500), and parses multipart bodies
 * before any handler could say it reads none (this API reads JSON, and form-encoded vendor callbacks, never
 * multipart). And, on the API's paths, refuses with 406 an {@code Accept} header that no JSON answer satisfies (or
 * that cannot be read), before the handler runs: Spring only finds that out when it writes the answer, after the
 * handler has done its work, so {@code POST .../end} with {@code Accept: image/png} ended the room and then said 406.
 * (Vendor webhooks are left alone: what a vendor accepts is its business, and their answers have no body.) Runs after
 * Spring Security, so an anonymous caller is still told 401 first.
 */
class RequestMediaTypesFilter extends OncePerRequestFilter {

    private final Problems problems;

    RequestMediaTypesFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !readable(header)) {
            problems.write(request, response, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "The request body's Content-Type is not one this API reads: send application/json.");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") && !path.startsWith("/api/v1/webhooks/") && !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            problems.write(request, response, ProblemType.NOT_ACCEPTABLE,
                    "This API answers in application/json (errors in application/problem+json): accept one of them.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean acceptsJson(String header) {
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

    private static boolean readable(String header) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return !type.isWildcardType() && !type.isWildcardSubtype() && !"multipart".equalsIgnoreCase(type.getType());
    }
}
