package dev.tribune.stage;

import dev.tribune.shared.GroupedCalls;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A socket subscribing to a room, or leaving it, recorded on the participant's row (presence, ADR 0004). Sightings are
 * written in groups ({@link GroupedCalls}: one JDBC batch, one round trip, for all those queued together), and each
 * caller returns once its own is written. Each statement commits by itself (no transaction spans the group), so a
 * group holds no row while it writes another, and cannot deadlock with the sweeper; statements keep their order, so a
 * close after an open of the same socket lands after it.
 */
@Component
class SocketSightings {

    private static final int MOST_PER_GROUP = 1_000;
    private static final String SQL = """
            UPDATE participants SET socket_instance_id = CASE WHEN ? THEN ?::uuid END, socket_seen_at = ?
            WHERE room_id = ? AND user_id = ? AND CASE WHEN ? THEN left_at IS NULL ELSE socket_instance_id = ? END""";

    private record Sighting(UUID roomId, UUID userId, UUID instanceId, Instant at, boolean opened) {

        Object[] row() {
            return new Object[] {opened, instanceId, Timestamp.from(at), roomId, userId, opened, instanceId};
        }
    }

    private final GroupedCalls<Sighting, Boolean> writes;

    SocketSightings(JdbcTemplate jdbc) {
        this.writes = new GroupedCalls<>(MOST_PER_GROUP, group -> {
            jdbc.batchUpdate(SQL, group.stream().map(Sighting::row).toList());
            return Collections.nCopies(group.size(), true);
        });
    }

    void opened(UUID roomId, UUID userId, UUID instanceId, Instant at) {
        writes.call(new Sighting(roomId, userId, instanceId, at, true));
    }

    /** Clears the socket's mark only if it is still this instance's: a newer socket elsewhere keeps its own. */
    void closed(UUID roomId, UUID userId, UUID instanceId, Instant at) {
        writes.call(new Sighting(roomId, userId, instanceId, at, false));
    }
}
