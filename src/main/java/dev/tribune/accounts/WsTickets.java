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
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use tickets, valid 30 seconds, for opening {@code /ws} without putting an access token in a URL (where
 * proxies and browser history would keep it). Kept in the database so any instance can redeem them.
 */
@Component
public class WsTickets {

    static final Duration TTL = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final RateLimiter limiter;
    private final RateLimit perUser;

    WsTickets(JdbcClient jdbc, Clock clock, AuthProperties properties, RateLimiter limiter, WsTicketRate rate) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sessionLifetime = properties.tokenTtl();
        this.limiter = limiter;
        this.perUser = new RateLimit(rate.permits(), rate.window());
    }

    record Ticket(String ticket, Instant expiresAt) {
    }

    /** A new ticket, or a 429 problem (with {@code Retry-After}) past the user's ticket rate. */
    Ticket issue(UUID userId) {
        limiter.acquire("ws-ticket:" + userId, perUser, "Too many socket tickets: wait a moment before reconnecting.");
        String secret = SecretTokens.newSecret();
        Instant expiresAt = clock.instant().plus(TTL);
        jdbc.sql("INSERT INTO ws_tickets (ticket_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(SecretTokens.hash(secret), userId, Timestamp.from(expiresAt))
                .update();
        return new Ticket(secret, expiresAt);
    }

    /**
     * Spends a ticket: the user it was issued to, or empty when it is unknown, used or expired, or the account is
     * gone or suspended. The socket it opens lives as long as an access token would; the client extends it
     * with a fresh token.
     */
    @Transactional
    public Optional<AuthenticatedUser> redeem(String ticket) {
        Instant now = clock.instant();
        return jdbc.sql("""
                DELETE FROM ws_tickets t USING users u
                WHERE t.ticket_hash = ? AND t.expires_at > ? AND u.id = t.user_id
                  AND u.deleted_at IS NULL AND (u.suspended_until IS NULL OR u.suspended_until <= ?)
                RETURNING u.id, u.guest""")
                .params(SecretTokens.hash(ticket), Timestamp.from(now), Timestamp.from(now))
                .query((rs, n) -> new AuthenticatedUser(rs.getObject(1, UUID.class), rs.getBoolean(2), now.plus(sessionLifetime)))
                .optional();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void purgeExpired() {
        jdbc.sql("DELETE FROM ws_tickets WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }
}
