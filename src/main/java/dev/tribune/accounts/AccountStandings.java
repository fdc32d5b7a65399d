package dev.tribune.accounts;

import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether an account may act right now. Checked on every authenticated request (one primary-key read, skipped for an
 * account found active moments ago: {@link RecentlyActive}), so that a deleted account's tokens stop working and a
 * suspension takes effect at once, not when the token expires.
 */
final class AccountStandings {

    static final ProblemType SUSPENDED = new ProblemType("suspended", HttpStatus.FORBIDDEN, "Account suspended");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RecentlyActive recentlyActive;

    AccountStandings(JdbcClient jdbc, Clock clock, RecentlyActive recentlyActive) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.recentlyActive = recentlyActive;
    }

    /** Throws the problem that stops this account, if any. */
    void requireActive(UUID userId) {
        if (recentlyActive.contains(userId)) {
            return;
        }
        requireNotSuspended(existingStanding(userId).suspendedUntil(), clock);
        recentlyActive.remember(userId);
    }

    /** Throws when the account is gone; a suspended one passes (its appeal token's few requests). */
    void requireExists(UUID userId) {
        existingStanding(userId);
    }

    private Standing existingStanding(UUID userId) {
        Optional<Standing> standing = jdbc.sql("SELECT deleted_at, suspended_until FROM users WHERE id = ?")
                .param(userId)
                .query((rs, n) -> new Standing(rs.getTimestamp(1) != null, toInstant(rs.getTimestamp(2))))
                .optional();
        if (standing.isEmpty() || standing.get().deleted()) {
            throw ApiException.unauthorized("This account no longer exists.");
        }
        return standing.get();
    }

    static boolean isSuspended(Instant suspendedUntil, Clock clock) {
        return suspendedUntil != null && suspendedUntil.isAfter(clock.instant());
    }

    static void requireNotSuspended(Instant suspendedUntil, Clock clock) {
        if (isSuspended(suspendedUntil, clock)) {
            throw new ApiException(SUSPENDED, "This account is suspended until " + suspendedUntil + ".");
        }
    }

    private static Instant toInstant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Standing(boolean deleted, Instant suspendedUntil) {
    }
}
