package dev.tribune.notifications;

import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code notices} rows: the only writer of the table. */
@Component
class Notices {

    /** A notice as the API shows it. */
    record Notice(UUID id, NoticeKind kind, Instant at, boolean read, JsonNode data) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Notices(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    UUID add(UUID userId, NoticeKind kind, Object data, Instant at) {
        UUID id = Ids.newId();
        jdbc.sql("INSERT INTO notices (id, user_id, kind, data, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")
                .params(id, userId, kind.name(), json.writeValueAsString(data), Timestamp.from(at)).update();
        return id;
    }

    /** Someone's notices, newest first, before {@code before}, at most {@code limit}. */
    List<Notice> of(UUID userId, Cursors.Key before, int limit) {
        return jdbc.sql("""
                SELECT id, kind, created_at, read_at IS NOT NULL, data::text FROM notices
                WHERE user_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(userId, Timestamp.from(before.at()), before.id(), limit)
                .query((rs, n) -> new Notice(rs.getObject(1, UUID.class), NoticeKind.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getBoolean(4), json.readTree(rs.getString(5))))
                .list();
    }

    /** When one of their notices was written. */
    Optional<Instant> writtenAt(UUID userId, UUID noticeId) {
        return jdbc.sql("SELECT created_at FROM notices WHERE id = ? AND user_id = ?").params(noticeId, userId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Marks read their notices up to and including {@code (at, id)}. */
    void readUpTo(UUID userId, Instant at, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE notices SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND (created_at, id) <= (?, ?)""")
                .params(Timestamp.from(now), userId, Timestamp.from(at), id).update();
    }
}
