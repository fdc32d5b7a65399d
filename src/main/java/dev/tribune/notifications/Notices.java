package dev.tribune.notifications;

import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The notice, unless the person already has one with {@code dedupeKey} (null: never a duplicate). */
    Optional<UUID> add(UUID userId, NoticeKind kind, Object data, Instant at, String dedupeKey) {
        UUID id = Ids.newId();
        return jdbc.sql("""
                INSERT INTO notices (id, user_id, kind, data, created_at, dedupe_key) VALUES (?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id""")
                .params(id, userId, kind.name(), json.writeValueAsString(data), Timestamp.from(at), dedupeKey)
                .query(UUID.class).optional();
    }

    /**
     * One notice each for {@code userIds}, all with {@code dedupeKey}; those who have it already are skipped. Returns
     * the new notices' ids by recipient.
     */
    Map<UUID, UUID> addEach(List<UUID> userIds, NoticeKind kind, Object data, Instant at, String dedupeKey) {
        String[] ids = new String[userIds.size()];
        String[] users = new String[userIds.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Ids.newId().toString();
            users[i] = userIds.get(i).toString();
        }
        Map<UUID, UUID> added = new LinkedHashMap<>();
        jdbc.sql("""
                INSERT INTO notices (id, user_id, kind, data, created_at, dedupe_key)
                SELECT t.id, t.user_id, ?, ?::jsonb, ?, ? FROM unnest(?::uuid[], ?::uuid[]) AS t (id, user_id)
                ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING user_id, id""")
                .params(kind.name(), json.writeValueAsString(data), Timestamp.from(at), dedupeKey, ids, users)
                .query(rs -> {
                    added.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
        return added;
    }

    /** The notice as a socket frame carries it (API.md: {@code {id, kind, at, read, data}}). */
    static Map<String, Object> frame(UUID id, NoticeKind kind, Instant at, Object data) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("id", id);
        notice.put("kind", kind);
        notice.put("at", at);
        notice.put("read", false);
        notice.put("data", data);
        return notice;
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
