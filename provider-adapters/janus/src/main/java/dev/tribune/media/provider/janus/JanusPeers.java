package dev.tribune.media.provider.janus;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PeerConnections Janus reported up, per handle (table {@code janus_peers}), kept in the database because Janus
 * posts its events to whichever instance the load balancer picks. A participant is connected at Janus while any of
 * theirs is up: a listener holds one per speaker, and one speaker leaving must not make them gone.
 */
final class JanusPeers {

    private static final RowMapper<JanusSessions.Owner> OWNER =
            (rs, n) -> new JanusSessions.Owner(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));

    private final JdbcClient jdbc;

    JanusPeers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A PeerConnection went up; its owner, or empty when the session was not made through the relay. */
    Optional<JanusSessions.Owner> up(long session, long handle, Instant at) {
        return jdbc.sql("""
                INSERT INTO janus_peers (handle_id, session_id, user_id, room_id, up_at)
                SELECT ?, session_id, user_id, room_id, ? FROM janus_sessions WHERE session_id = ?
                ON CONFLICT (handle_id) DO UPDATE SET up_at = EXCLUDED.up_at
                RETURNING user_id, room_id""")
                .params(handle, Timestamp.from(at), session)
                .query(OWNER)
                .optional();
    }

    /** A PeerConnection went down: its owner, if it was their last one up. */
    List<JanusSessions.Owner> down(long handle) {
        return lastDown("handle_id = ?", handle);
    }

    /** A session was destroyed or timed out, taking its handles with it: the owners left with nothing up. */
    List<JanusSessions.Owner> sessionGone(long session) {
        return lastDown("session_id = ?", session);
    }

    /** Janus (re)started or is stopping: nothing is up any more. */
    List<JanusSessions.Owner> allGone() {
        return lastDown("true");
    }

    private List<JanusSessions.Owner> lastDown(String which, Object... params) {
        // the outer query sees the table as before the DELETE, hence the handles just deleted are left out by hand
        return jdbc.sql("""
                WITH gone AS (DELETE FROM janus_peers WHERE %s RETURNING handle_id, user_id, room_id)
                SELECT DISTINCT g.user_id, g.room_id FROM gone g
                WHERE NOT EXISTS (SELECT 1 FROM janus_peers p WHERE p.room_id = g.room_id AND p.user_id = g.user_id
                                  AND p.handle_id NOT IN (SELECT handle_id FROM gone))""".formatted(which))
                .params(params)
                .query(OWNER)
                .list();
    }
}
