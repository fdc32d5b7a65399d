package dev.tribune.accounts;

import dev.tribune.shared.ApiException;
import dev.tribune.shared.GroupedCalls;
import dev.tribune.shared.ProblemType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether an account may act right now. Checked on every authenticated request (one primary-key read, skipped for an
 * account found active moments ago: {@link RecentlyActive}), so that a deleted account's tokens stop working and a
 * suspension takes effect at once, not when the token expires. Reads that come together are made together
 * ({@link GroupedCalls}): a crowd's requests, a join storm's above all, would otherwise each wait for a pooled
 * connection before anything else, admission to the room included, could look at them.
 */
final class AccountStandings {

    static final ProblemType SUSPENDED = new ProblemType("suspended", HttpStatus.FORBIDDEN, "Account suspended");

    private static final int MOST_PER_GROUP = 1_000;

    private final Clock clock;
    private final RecentlyActive recentlyActive;
    private final GroupedCalls<UUID, Optional<Standing>> reads;

    AccountStandings(JdbcClient jdbc, Clock clock, RecentlyActive recentlyActive) {
        this.clock = clock;
        this.recentlyActive = recentlyActive;
        this.reads = new GroupedCalls<>(MOST_PER_GROUP, ids -> {
            Map<UUID, Standing> found = new HashMap<>();
            jdbc.sql("SELECT id, deleted_at, suspended_until FROM users WHERE id = ANY (?)")
                    .param(ids.toArray(UUID[]::new))
                    .query(rs -> {
                        found.put(rs.getObject(1, UUID.class), new Standing(rs.getTimestamp(2) != null, toInstant(rs.getTimestamp(3))));
                    });
            return ids.stream().map(id -> Optional.ofNullable(found.get(id))).toList();
        });
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
        Optional<Standing> standing = reads.call(userId);
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
