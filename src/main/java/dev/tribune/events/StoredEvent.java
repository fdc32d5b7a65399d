package dev.tribune.events;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An event as kept in the room's log. */
record StoredEvent(UUID roomId, long seq, String type, String payload, EventAudience audience, Instant at) {

    static final String COLUMNS = "room_id, seq, type, payload::text, audience, audience_user_ids, audience_role, created_at";

    static StoredEvent map(ResultSet rs, int row) throws SQLException {
        UUID[] users = (UUID[]) rs.getArray("audience_user_ids").getArray();
        return new StoredEvent(rs.getObject("room_id", UUID.class), rs.getLong("seq"), rs.getString("type"), rs.getString("payload"),
                new EventAudience(EventAudience.Kind.valueOf(rs.getString("audience")), Set.of(users), rs.getString("audience_role")),
                rs.getTimestamp("created_at").toInstant());
    }

    /** The frame every recipient gets, serialised once per event per instance; the payload goes out as stored. */
    record Frame(String op, UUID roomId, long seq, String type, Instant at, @JsonRawValue String data) {
    }

    Frame frame() {
        return new Frame("event", roomId, seq, type, at, payload);
    }
}
