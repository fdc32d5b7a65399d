package dev.tribune.stage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A socket subscribing to a room, or leaving it, recorded on the participant's row (presence, ADR 0004). A thousand
 * listeners arriving in a second would otherwise be a thousand round trips, each holding a pooled connection. So
 * sightings are written in groups: whoever records one and finds no write under way writes every sighting queued at
 * that moment in one JDBC batch (one round trip), while those arriving meanwhile wait for the next group. Each caller
 * returns only once its own sighting is written, as before; under low load a group is one sighting. No thread of its
 * own. Each statement commits by itself (no transaction spans the group), so a group holds no row while it writes
 * another, and cannot deadlock with the sweeper; statements keep their order, so a close after an open of the same
 * socket lands after it.
 */
@Component
class SocketSightings {

    private static final int MOST_PER_GROUP = 1_000;
    private static final String SQL = """
            UPDATE participants SET socket_instance_id = CASE WHEN ? THEN ?::uuid END, socket_seen_at = ?
            WHERE room_id = ? AND user_id = ? AND CASE WHEN ? THEN left_at IS NULL ELSE socket_instance_id = ? END""";

    private record Sighting(UUID roomId, UUID userId, UUID instanceId, Instant at, boolean opened, CompletableFuture<Void> written) {

        Object[] row() {
            return new Object[] {opened, instanceId, Timestamp.from(at), roomId, userId, opened, instanceId};
        }
    }

    private final JdbcTemplate jdbc;
    private final Queue<Sighting> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    SocketSightings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void opened(UUID roomId, UUID userId, UUID instanceId, Instant at) {
        record(new Sighting(roomId, userId, instanceId, at, true, new CompletableFuture<>()));
    }

    /** Clears the socket's mark only if it is still this instance's: a newer socket elsewhere keeps its own. */
    void closed(UUID roomId, UUID userId, UUID instanceId, Instant at) {
        record(new Sighting(roomId, userId, instanceId, at, false, new CompletableFuture<>()));
    }

    private void record(Sighting sighting) {
        queued.add(sighting);
        while (!sighting.written().isDone()) {
            writing.lock();
            try {
                if (!sighting.written().isDone()) {
                    writeGroup();
                }
            } finally {
                writing.unlock();
            }
        }
        try {
            sighting.written().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private void writeGroup() {
        List<Sighting> group = new ArrayList<>();
        for (Sighting next = queued.poll(); next != null; next = group.size() < MOST_PER_GROUP ? queued.poll() : null) {
            group.add(next);
        }
        try {
            jdbc.batchUpdate(SQL, group.stream().map(Sighting::row).toList());
            group.forEach(s -> s.written().complete(null));
        } catch (RuntimeException e) {
            group.forEach(s -> s.written().completeExceptionally(e));
        }
    }
}
