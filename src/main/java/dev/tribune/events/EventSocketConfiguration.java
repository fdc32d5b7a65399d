package dev.tribune.events;

import dev.tribune.accounts.AccessTokens;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.WsTickets;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import dev.tribune.shared.Problems;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.transaction.TransactionException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /ws}: the handshake is authenticated with {@code ?ticket=} (single use, preferred) or
 * {@code ?access_token=}; anything else is refused with 401 before the socket opens. A user already holding
 * {@code tribune.ws.max-sockets-per-user} sockets here is refused with 429 before the upgrade.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EventSocketConfiguration implements WebSocketConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EventSocketConfiguration.class);

    private final EventSocketHandler handler;
    private final WsTickets tickets;
    private final AccessTokens tokens;
    private final UserDirectory accounts;
    private final Problems problems;
    private final WsProperties limits;

    /** A browser cannot read this answer (its socket just fails, and it reconnects with backoff); other clients can. */
    static final ProblemType TOO_MANY_SOCKETS = new ProblemType("too-many-sockets", HttpStatus.TOO_MANY_REQUESTS, "Too many sockets");
    /** No better guess: a place frees when one of the user's sockets closes. */
    static final Duration RETRY_SOCKET_AFTER = Duration.ofSeconds(5);

    EventSocketConfiguration(EventSocketHandler handler, WsTickets tickets, AccessTokens tokens, UserDirectory accounts,
            Problems problems, WsProperties limits) {
        this.limits = limits;
        this.handler = handler;
        this.problems = problems;
        this.tickets = tickets;
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /**
     * The upgrade is always the Jakarta WebSocket one: {@link EventSocket} writes through the Jakarta session's
     * non-blocking send, which every servlet container has. (This is Spring's default on Tomcat; on Jetty its default
     * would be Jetty's own API, whose sessions have no Jakarta side.)
     */
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // any origin: the handshake is authenticated by a ticket or token in the URL, never by a cookie, so another
        // site's page cannot ride on a user's session (no cross-site WebSocket hijacking to guard against)
        registry.addHandler(handler, "/ws").addInterceptors(new Authenticate()).setAllowedOriginPatterns("*")
                .setHandshakeHandler(new DefaultHandshakeHandler(new StandardWebSocketUpgradeStrategy()));
    }

    /**
     * Declines permessage-deflate unless {@code tribune.ws.compression} is on. Browsers offer it on every socket, and
     * Tomcat then keeps a zlib compressor and decompressor per connection: about 300 KB of native memory and 16 KB of
     * heap on an idle listener, and a compression per recipient per event, for frames of a few hundred bytes that it
     * barely shrinks. Tomcat takes an empty list of extensions to mean "its defaults", so the offer itself is hidden
     * from the upgrade (Jetty, which negotiates from the request it is handed, is declined the same way).
     */
    @Bean
    FilterRegistrationBean<Filter> socketCompressionChoice() {
        var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> chain.doFilter(
                limits.compression() || !(request instanceof HttpServletRequest http) ? request : new WithoutExtensionOffer(http), response));
        registration.addUrlPatterns("/ws");
        return registration;
    }

    private static final class WithoutExtensionOffer extends HttpServletRequestWrapper {

        private static final String OFFER = "Sec-WebSocket-Extensions";

        WithoutExtensionOffer(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return OFFER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return OFFER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }
    }

    /**
     * Tomcat gives every session a decoding buffer of this many characters (two bytes each), used or not: at 64 K an
     * idle socket cost about 190 KB of heap, at 8 K 16 KB. Frames up to 64 KB (an SDP offer with its candidates passes
     * 8 KB) are still accepted: the handler takes them in parts and joins them ({@link EventSocket#assemble}). (To
     * Jetty this setting is the largest whole message instead: see {@code JettySocketTuning}.)
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(2 * 1024);
        container.setMaxBinaryMessageBufferSize(1024);
        return container;
    }

    private final class Authenticate implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                Map<String, Object> attributes) {
            var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
            Optional<AuthenticatedUser> user;
            try {
                user = authenticate(query.getFirst("ticket"), query.getFirst("access_token"));
            } catch (DataAccessException | TransactionException e) {
                // the pool had no connection in time (a crowd arriving at once) or the database is away: the client
                // may try again shortly, as for any API call (503 with Retry-After), never a 500
                log.warn("Database unavailable at a /ws handshake: {}", e.getMessage());
                refuse(request, response, ApiException.databaseUnavailable(), HttpStatus.SERVICE_UNAVAILABLE);
                return false;
            }
            if (user.isEmpty()) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return false;
            }
            if (!handler.hasRoomFor(user.get().id())) {
                refuse(request, response, new ApiException(TOO_MANY_SOCKETS, "You have " + handler.maxSocketsPerUser()
                        + " sockets open here already, the most one user may: close one (another tab?) and try again.",
                        List.of(), RETRY_SOCKET_AFTER), HttpStatus.TOO_MANY_REQUESTS);
                return false;
            }
            attributes.put(EventSocketHandler.USER, user.get());
            return true;
        }

        private Optional<AuthenticatedUser> authenticate(String ticket, String token) {
            if (ticket != null) {
                return tickets.redeem(ticket);
            }
            return token == null ? Optional.empty() : tokens.verify(token).filter(u -> accounts.isActive(u.id()));
        }

        private void refuse(ServerHttpRequest request, ServerHttpResponse response, ApiException problem, HttpStatus fallback) {
            if (request instanceof ServletServerHttpRequest servletRequest && response instanceof ServletServerHttpResponse servletResponse) {
                try {
                    problems.write(servletRequest.getServletRequest(), servletResponse.getServletResponse(), problem);
                    return;
                } catch (IOException e) {
                    // the client has gone; the status below is all that is left to set
                }
            }
            response.setStatusCode(fallback);
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                Exception exception) {
        }
    }
}
