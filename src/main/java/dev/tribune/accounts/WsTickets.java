package dev.tribune.accounts;

import dev.tribune.shared.RateLimit;
import dev.tribune.shared.RateLimiter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Single-use tickets, valid 30 seconds, for opening {@code /ws} without putting an access token in a URL (where
 * proxies and browser history would keep it). A ticket is signed, not stored, so issuing one costs no database work;
 * redeeming it records its id as spent, on any instance, in the one statement that also checks the account still
 * stands (a crowd arriving at a large room is one database round trip per socket here, not three).
 *
 * <p>{@code ws_tickets} holds spent ids until their tickets expire, and is unlogged: it is written on every socket
 * opened, and a database crash forgetting the last 30 seconds of spent ids only lets a ticket from then, were it
 * stolen, open one more socket for its own user.
 */
@Component
public class WsTickets {

    static final Duration TTL = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessTokens tokens;
    private final Duration sessionLifetime;
    private final RateLimiter limiter;
    private final RateLimit perUser;

    WsTickets(JdbcClient jdbc, Clock clock, AccessTokens tokens, AuthProperties properties, RateLimiter limiter, WsTicketRate rate) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tokens = tokens;
        this.sessionLifetime = properties.tokenTtl();
        this.limiter = limiter;
        this.perUser = new RateLimit(rate.permits(), rate.window());
    }

    record Ticket(String ticket, Instant expiresAt) {
    }

    /** A new ticket, or a 429 problem (with {@code Retry-After}) past the user's ticket rate. */
    Ticket issue(AuthenticatedUser user) {
        limiter.acquire("ws-ticket:" + user.id(), perUser, "Too many socket tickets: wait a moment before reconnecting.");
        AccessTokens.SocketTicket ticket = tokens.issueSocketTicket(user.id(), user.guest(), TTL);
        return new Ticket(ticket.ticket(), ticket.expiresAt());
    }

    /**
     * Spends a ticket: the user it was issued to, or empty when it is forged, used or expired, or the account is
     * gone or suspended. The socket it opens lives as long as an access token would; the client extends it
     * with a fresh token.
     */
    public Optional<AuthenticatedUser> redeem(String ticket) {
        Optional<AccessTokens.SocketTicket> valid = tokens.verifySocketTicket(ticket);
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        AccessTokens.SocketTicket spent = valid.get();
        Instant now = clock.instant();
        boolean first = jdbc.sql("""
                INSERT INTO ws_tickets (ticket_hash, user_id, expires_at)
                SELECT ?, u.id, ? FROM users u
                WHERE u.id = ? AND u.deleted_at IS NULL AND (u.suspended_until IS NULL OR u.suspended_until <= ?)
                ON CONFLICT (ticket_hash) DO NOTHING
                RETURNING user_id""")
                .params(SecretTokens.hash(spent.id()), Timestamp.from(spent.expiresAt()), spent.userId(), Timestamp.from(now))
                .query(UUID.class)
                .optional()
                .isPresent();
        return first ? Optional.of(new AuthenticatedUser(spent.userId(), spent.guest(), now.plus(sessionLifetime))) : Optional.empty();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void purgeExpired() {
        jdbc.sql("DELETE FROM ws_tickets WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }
}
