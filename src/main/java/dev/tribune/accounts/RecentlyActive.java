package dev.tribune.accounts;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Accounts this instance found active within the last {@code tribune.auth.standing-cache}, so that their next
 * requests skip the database read of their standing. A crowd joining a large room makes several requests each within
 * seconds, and a join queued in a storm is retried until admitted: without this every one of them waited for a
 * pooled connection before anything else, and those waits crowded out the joins themselves.
 *
 * <p>Suspending or deleting an account forgets it here at once, and again when the change commits (a request that
 * read the standing just before the commit may have remembered it meanwhile), so on this instance the change applies
 * to the next request, and sockets everywhere are closed by moderation. Another instance may honour the account's
 * access token for up to the cache's duration longer. Only "active" is remembered: a stopped account is read every
 * time, so lifting a suspension applies at once too.
 */
@Component
class RecentlyActive {

    /** Beyond this many entries expired ones are dropped first: bounded by the accounts active in the last seconds. */
    private static final int PURGE_ABOVE = 100_000;

    private final ConcurrentHashMap<UUID, Long> until = new ConcurrentHashMap<>();
    private final long ttlNanos;

    RecentlyActive(AuthProperties properties) {
        this.ttlNanos = properties.standingCache().toNanos();
    }

    boolean contains(UUID userId) {
        Long deadline = until.get(userId);
        return deadline != null && deadline - System.nanoTime() > 0;
    }

    void remember(UUID userId) {
        if (ttlNanos <= 0) {
            return;
        }
        if (until.size() >= PURGE_ABOVE) {
            long now = System.nanoTime();
            until.values().removeIf(deadline -> deadline - now <= 0);
        }
        until.put(userId, System.nanoTime() + ttlNanos);
    }

    /** Called where an account is suspended or deleted, in that transaction when there is one. */
    void forget(UUID userId) {
        until.remove(userId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    until.remove(userId);
                }
            });
        }
    }
}
