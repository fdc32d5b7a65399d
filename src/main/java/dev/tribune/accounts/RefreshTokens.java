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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotating, single-use refresh tokens. Each use spends the token and issues its successor in the same family.
 * A spent token presented again means it was copied: the whole family is revoked, so whoever holds the copy and
 * whoever holds the successor both have to sign in again.
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration ttl;
    private final TransactionTemplate ownTransaction;

    RefreshTokens(JdbcClient jdbc, Clock clock, AuthProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = properties.refreshTtl();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A new family, for a fresh sign-in. */
    String issue(UUID userId) {
        return issue(userId, Ids.newId());
    }

    private String issue(UUID userId, UUID familyId) {
        String secret = SecretTokens.newSecret();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), userId, familyId, SecretTokens.hash(secret), Timestamp.from(now), Timestamp.from(now.plus(ttl)))
                .update();
        return secret;
    }

    record Rotation(UUID userId, String successor) {
    }

    /** Spends {@code secret} and returns its successor, or throws 401 when it is unknown, spent, revoked or expired. */
    Rotation rotate(String secret) {
        byte[] hash = SecretTokens.hash(secret);
        Timestamp now = Timestamp.from(clock.instant());
        // the conditional update is the single-use guarantee: of two concurrent uses, one changes the row
        Optional<Spent> spent = jdbc.sql("""
                UPDATE refresh_tokens SET used_at = ?
                WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                RETURNING user_id, family_id""")
                .params(now, hash, now)
                .query((rs, n) -> new Spent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
        if (spent.isPresent()) {
            return new Rotation(spent.get().userId(), issue(spent.get().userId(), spent.get().familyId()));
        }
        Optional<UUID> reusedFamily = jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL")
                .param(hash)
                .query(UUID.class)
                .optional();
        // committed on its own: the caller's transaction rolls back with the 401, the revocation must not
        reusedFamily.ifPresent(family -> ownTransaction.executeWithoutResult(status -> {
            int revoked = jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                    .params(now, family)
                    .update();
            log.warn("A spent refresh token was presented again; revoked its family {} ({} tokens)", family, revoked);
        }));
        throw ApiException.unauthorized("The refresh token is invalid, expired or already used: sign in again.");
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

    private record Spent(UUID userId, UUID familyId) {
    }
}
