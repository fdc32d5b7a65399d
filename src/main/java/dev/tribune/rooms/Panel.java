package dev.tribune.rooms;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a room's hallway summary (the panel preview of up to six and the speaker count) in step with its
 * participants. Called in the transaction that changes the panel, so the hallway never aggregates participants;
 * it reads only the room's panel rows through their partial index.
 */
@Component
public class Panel {

    static final int PREVIEW_SIZE = 6;

    /** HOST first, then MODERATORs, then SPEAKERs, each longest-serving first. */
    static final String ORDER = "CASE p.role WHEN 'HOST' THEN 0 WHEN 'MODERATOR' THEN 1 ELSE 2 END, p.role_since, p.user_id";

    private final JdbcClient jdbc;

    Panel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void refresh(UUID roomId) {
        jdbc.sql("""
                UPDATE rooms r SET
                    panel_preview = coalesce((
                        SELECT jsonb_agg(jsonb_build_object('userId', s.user_id, 'displayName', s.display_name, 'role', s.role)
                                         ORDER BY s.rank)
                        FROM (SELECT p.user_id, u.display_name, p.role, row_number() OVER (ORDER BY %s) AS rank
                              FROM participants p JOIN users u ON u.id = p.user_id
                              WHERE p.room_id = r.id AND p.role <> 'AUDIENCE' AND p.left_at IS NULL
                              ORDER BY %s LIMIT %d) s), '[]'::jsonb),
                    speaker_count = (SELECT count(*) FROM participants p
                                     WHERE p.room_id = r.id AND p.role <> 'AUDIENCE' AND p.left_at IS NULL)
                WHERE r.id = ?""".formatted(ORDER, ORDER, PREVIEW_SIZE))
                .param(roomId)
                .update();
    }
}
