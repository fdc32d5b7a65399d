package dev.tribune.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 a {@code Content-Type} that names no concrete media type ({@code *}{@code /*}, {@code text/*},
 * {@code ;;}) and any {@code multipart/*} body, before Spring MVC sees them: Spring asserts that a request's content
 * type is concrete deep inside body reading (an IllegalArgumentException, so a 500), and parses multipart bodies
 * before any handler could say it reads none (this API reads JSON, and form-encoded vendor callbacks, never
 * multipart). ({@link AcceptCheck} does the same for {@code Accept}.) Runs after Spring Security, so an anonymous
 * caller is still told 401 first.
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
        chain.doFilter(request, response);
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
