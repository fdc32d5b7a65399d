package dev.tribune.media;

import dev.tribune.media.spi.ReconcileRequests;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The media module's API for changes the provider must follow: record, in the change's own transaction, that a
 * participant (or the room) needs reconciling. No vendor is called here; {@code ProviderReconciler} does that after
 * commit, from the state the database holds then.
 */
@Component
public class ProviderOutbox implements ReconcileRequests {

    static final UUID ROOM = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final Clock clock;

    ProviderOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void participantChanged(UUID roomId, UUID userId) {
        mark(roomId, userId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void roomChanged(UUID roomId) {
        mark(roomId, ROOM);
    }

    /**
     * The room moved to another provider: what was waiting (backing off from the provider that was down) is due now,
     * and the reconciler, which reads the room's provider when it runs, takes it to the new one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void roomMoved(UUID roomId) {
        // attempts kept: a participant told their change was pending is told when it lands (media.synced)
        jdbc.sql("UPDATE provider_outbox SET due_at = ? WHERE room_id = ?")
                .params(Timestamp.from(clock.instant()), roomId).update();
    }

    /** An adapter's request, made outside any room change: joins the caller's transaction or makes its own. */
    @Override
    @Transactional
    public void reconcileSoon(UUID roomId, UUID userId) {
        mark(roomId, userId);
    }

    private void mark(UUID roomId, UUID key) {
        jdbc.sql("""
                INSERT INTO provider_outbox (room_id, user_id, due_at) VALUES (?, ?, ?)
                ON CONFLICT (room_id, user_id) DO UPDATE SET version = provider_outbox.version + 1, due_at = EXCLUDED.due_at,
                    attempts = 0, last_error = NULL""")
                .params(roomId, key, Timestamp.from(clock.instant())).update();
    }
}
