package dev.tribune.accounts;

import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import dev.tribune.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>}. No header: the request goes on anonymously (and protected paths
 * answer 401). A header with a bad, tampered or expired token, or the token of an account that is gone or
 * suspended: answered here, at once, on {@code /api} paths. Vendor webhooks are left alone: their
 * {@code Authorization} header is the vendor's signature (LiveKit sends a bare JWT there), which the adapter checks.
 * A suspended account's appeal token is taken for exactly two requests, reading its notices and filing an appeal;
 * on any other path it is refused with 403 {@code /problems/suspended}.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    private static final String NOTICES = "/api/v1/me/notices";
    private static final String APPEALS = "/api/v1/appeals";
    // public, and read before sign-in: a stale token in the client must not make it fail to render
    private static final String CONFIG = "/api/v1/config";

    private final AccessTokens tokens;
    private final AccountStandings standings;
    private final Problems problems;

    BearerTokenFilter(AccessTokens tokens, AccountStandings standings, Problems problems) {
        this.tokens = tokens;
        this.standings = standings;
        this.problems = problems;
    }

    /**
     * Only the API's own paths take access tokens. Elsewhere an {@code Authorization} header is not ours to judge:
     * the web client, docs and health need none, {@code /ws} authenticates its handshake itself, and the Janus relay
     * ({@code /janus}) checks its own grant tokens, or is a plain 404 when Janus is not active. Judging it here
     * answered 401 before routing could say that the path does not exist.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") || path.startsWith("/api/v1/webhooks/") || CONFIG.equals(path);
    }

    private static boolean appealMayCall(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "GET".equals(request.getMethod()) && NOTICES.equals(path)
                || "POST".equals(request.getMethod()) && APPEALS.equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            problems.write(request, response, ProblemType.UNAUTHORIZED, "Use 'Authorization: Bearer <accessToken>'.");
            return;
        }
        String token = header.substring(PREFIX.length()).trim();
        Optional<AuthenticatedUser> user = tokens.verify(token);
        boolean appeal = false;
        if (user.isEmpty()) {
            user = tokens.verifyAppeal(token);
            appeal = user.isPresent();
            if (appeal && !appealMayCall(request)) {
                problems.write(request, response, AccountStandings.SUSPENDED,
                        "An appeal token only reads GET /api/v1/me/notices and files POST /api/v1/appeals.");
                return;
            }
        }
        if (user.isEmpty()) {
            problems.write(request, response, ProblemType.UNAUTHORIZED,
                    "The access token is invalid or expired: refresh it or sign in again.");
            return;
        }
        try {
            if (appeal) {
                standings.requireExists(user.get().id());
            } else {
                standings.requireActive(user.get().id());
            }
        } catch (ApiException stopped) {
            problems.write(request, response, stopped);
            return;
        } catch (DataAccessException | CannotCreateTransactionException unreachable) {
            problems.write(request, response, ApiException.databaseUnavailable());
            return;
        }
        var authority = new SimpleGrantedAuthority(user.get().guest() ? "ROLE_GUEST" : "ROLE_USER");
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user.get(), null, List.of(authority));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
