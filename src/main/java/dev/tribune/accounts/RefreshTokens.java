package dev.tribune.accounts;

import dev.tribune.shared.ApiException;
import dev.tribune.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotating refresh tokens. Each use spends the token and issues its successor in the same family.
 *
 * <p>Two tabs of one browser refresh with the same token at the same moment, so a token spent less than
 * {@code tribune.auth.refresh-reuse-grace} ago is honoured again: it gets a successor of its own in the same family
 * and nothing is revoked. A spent token presented after the grace was copied: the whole family is revoked, so whoever
 * holds the copy and whoever holds the successor both have to sign in again.
 *
 * <p>A rotation is one transaction on one connection. The revocation used to commit in a transaction of its own while
 * the outer one still held the token's row lock (PostgreSQL keeps the lock an UPDATE takes to re-check a row that a
 * concurrent rotation changed, even when the row no longer matches), which deadlocked two connections invisibly to
 * PostgreSQL's detector. Now the 401 is thrown only after the revocation committed.
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final Duration reuseGrace;
    private final TransactionTemplate transaction;

    RefreshTokens(JdbcClient jdbc, Clock clock, AuthProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = properties.refreshTtl();
        this.reuseGrace = properties.refreshReuseGrace();
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A new family, for a fresh sign-in. */
    String issue(UUID userId) {
        return issue(userId, Ids.newId(), clock.instant());
    }

    private String issue(UUID userId, UUID familyId, Instant now) {
        String secret = SecretTokens.newSecret();
        jdbc.sql("""
                INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), userId, familyId, SecretTokens.hash(secret), Timestamp.from(now), Timestamp.from(now.plus(ttl)))
                .update();
        return secret;
    }

    record Rotation(UUID userId, String successor) {
    }

    private sealed interface Outcome {
    }

    private record Rotated(Rotation rotation) implements Outcome {
    }

    private record Refused(String reason) implements Outcome {
    }

    /**
     * Spends {@code secret} and returns its successor, or throws 401 when it is unknown, revoked, expired, or was
     * spent longer ago than the reuse grace. Runs (and commits) its own transaction; call it outside any other.
     */
    Rotation rotate(String secret) {
        Outcome outcome = transaction.execute(status -> rotateInTransaction(SecretTokens.hash(secret)));
        return switch (outcome) {
            case Rotated rotated -> rotated.rotation();
            case Refused refused -> throw ApiException.unauthorized(refused.reason());
        };
    }

    private Outcome rotateInTransaction(byte[] hash) {
        Instant now = clock.instant();
        // the conditional update decides which of concurrent uses spends the token; the others wait for its row lock
        Optional<Token> spent = jdbc.sql("""
                UPDATE refresh_tokens SET used_at = :now
                WHERE token_hash = :hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                RETURNING user_id, family_id, used_at""")
                .param("now", Timestamp.from(now)).param("hash", hash)
                .query((rs, n) -> new Token(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()))
                .optional();
        if (spent.isPresent()) {
            return successorOf(spent.get(), now);
        }
        Optional<Token> previouslySpent = jdbc.sql("""
                SELECT user_id, family_id, used_at FROM refresh_tokens
                WHERE token_hash = ? AND used_at IS NOT NULL AND revoked_at IS NULL AND expires_at > ?""")
                .params(hash, Timestamp.from(now))
                .query((rs, n) -> new Token(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()))
                .optional();
        if (previouslySpent.isEmpty()) {
            return new Refused("The refresh token is invalid, expired or revoked: sign in again.");
        }
        Token token = previouslySpent.get();
        if (!token.usedAt().plus(reuseGrace).isBefore(now)) {
            // the same device's other tab, a moment late: it gets a sibling of the successor, nothing is revoked
            return successorOf(token, now);
        }
        int revoked = jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), token.familyId())
                .update();
        log.warn("A refresh token spent {} ago was presented again; revoked its family {} ({} tokens)",
                Duration.between(token.usedAt(), now), token.familyId(), revoked);
        return new Refused("The refresh token was already used: every session from that sign-in has ended, sign in again.");
    }

    private Outcome successorOf(Token token, Instant now) {
        return new Rotated(new Rotation(token.userId(), issue(token.userId(), token.familyId(), now)));
    }

    /** Kills every refresh token of a user: on a password change and on account deletion. */
    void revokeAll(UUID userId) {
        jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), userId)
                .update();
    }

    /** Expired tokens are useless, but spent ones are kept until then to recognise reuse. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpired() {
        jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

    private record Token(UUID userId, UUID familyId, Instant usedAt) {
    }
}
