package dev.tribune.media;

import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A participant's media state as the database has it at this moment: what the reconciler brings a provider to, and
 * what a relay in front of a media server (Janus) checks each request against.
 */
@Component
public class ParticipantStates implements ParticipantStateSource {

    private static final ParticipantState ABSENT = new ParticipantState(false, false, false);

    private final JdbcClient jdbc;

    ParticipantStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Present, may publish (HOST, MODERATOR, SPEAKER), force-muted; all false when not (or no longer) in the room. */
    @Override
    public ParticipantState current(UUID roomId, UUID userId) {
        return jdbc.sql("""
                SELECT present, role <> 'AUDIENCE', forced_mute FROM participants
                WHERE room_id = ? AND user_id = ? AND left_at IS NULL""")
                .params(roomId, userId)
                .query((rs, n) -> new ParticipantState(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
                .optional()
                .orElse(ABSENT);
    }
}
