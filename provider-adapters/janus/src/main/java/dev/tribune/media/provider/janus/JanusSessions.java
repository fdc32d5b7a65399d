package dev.tribune.media.provider.janus;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which Tribune user, in which room, made each Janus session through the relay (table {@code janus_sessions}): only
 * they may use it, and any instance can find and destroy a removed user's sessions.
 */
final class JanusSessions {

    record Owner(UUID userId, UUID roomId) {
    }

    private final JdbcClient jdbc;

    JanusSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long sessionId, UUID userId, UUID roomId, Instant at) {
        jdbc.sql("""
                INSERT INTO janus_sessions (session_id, user_id, room_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (session_id) DO UPDATE SET user_id = EXCLUDED.user_id, room_id = EXCLUDED.room_id,
                    created_at = EXCLUDED.created_at""")
                .params(sessionId, userId, roomId, Timestamp.from(at)).update();
    }

    Optional<Owner> owner(long sessionId) {
        return jdbc.sql("SELECT user_id, room_id FROM janus_sessions WHERE session_id = ?").param(sessionId)
                .query((rs, n) -> new Owner(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
    }

    List<Long> of(UUID roomId, UUID userId) {
        return jdbc.sql("SELECT session_id FROM janus_sessions WHERE room_id = ? AND user_id = ?").params(roomId, userId)
                .query(Long.class).list();
    }

    void forget(long sessionId) {
        jdbc.sql("DELETE FROM janus_sessions WHERE session_id = ?").param(sessionId).update();
    }
}
