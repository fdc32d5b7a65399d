package dev.tribune.notifications;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code push_outbox} rows: the notices still to be pushed, written in the notice's own transaction so a push is
 * neither lost (the row commits with the notice) nor sent for a notice that rolled back. The only writer of the table.
 */
@Component
class PushOutbox {

    /** A claimed row with what is needed to send it: the notice and the devices that do not have it yet. */
    record Claimed(UUID noticeId, UUID userId, NoticeKind kind, JsonNode data, int attempts, Set<UUID> delivered,
            List<Device> devices) {
    }

    record Device(UUID id, String token) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PushOutbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * SQL deciding, per recipient {@code r.user_id}, whether a notice of {@code kind} is pushed: they have a device and
     * their settings (no row: all on) allow the kind. The column name comes from {@link NoticeKind#setting()}, never
     * from input.
     */
    private static String pushable(NoticeKind kind) {
        String allowed = kind.setting() == null ? "true"
                : "COALESCE((SELECT s." + kind.setting() + " FROM notification_settings s WHERE s.user_id = r.user_id), true)";
        return "EXISTS (SELECT 1 FROM push_devices d WHERE d.user_id = r.user_id) AND " + allowed;
    }

    /** In the notice's transaction: queued when the person has a device and wants this kind pushed. */
    boolean queue(UUID noticeId, UUID userId, NoticeKind kind, Instant now) {
        return jdbc.sql("INSERT INTO push_outbox (notice_id, user_id, due_at) SELECT r.notice_id, r.user_id, ? "
                + "FROM (SELECT ?::uuid AS notice_id, ?::uuid AS user_id) r WHERE " + pushable(kind))
                .params(Timestamp.from(now), noticeId, userId).update() == 1;
    }

    /** {@link #queue} for many notices of one kind at once ({@code noticeIds} by recipient); returns how many were. */
    int queueEach(Map<UUID, UUID> noticeIds, NoticeKind kind, Instant now) {
        if (noticeIds.isEmpty()) {
            return 0;
        }
        String[] users = new String[noticeIds.size()];
        String[] notices = new String[noticeIds.size()];
        int i = 0;
        for (Map.Entry<UUID, UUID> e : noticeIds.entrySet()) {
            users[i] = e.getKey().toString();
            notices[i++] = e.getValue().toString();
        }
        return jdbc.sql("INSERT INTO push_outbox (notice_id, user_id, due_at) SELECT r.notice_id, r.user_id, ? "
                + "FROM unnest(?::uuid[], ?::uuid[]) AS r (notice_id, user_id) WHERE " + pushable(kind))
                .params(Timestamp.from(now), notices, users).update();
    }

    /**
     * Claims up to {@code limit} due rows nobody holds, for {@code until}. SKIP LOCKED lets dispatchers on several
     * instances (or several here) claim at once without waiting for or taking each other's rows.
     */
    List<Claimed> claim(int limit, Instant now, Instant until) {
        Map<UUID, Claimed> claimed = new LinkedHashMap<>();
        jdbc.sql("""
                WITH due AS (
                    SELECT notice_id FROM push_outbox
                    WHERE due_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
                    ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED),
                taken AS (
                    UPDATE push_outbox o SET claimed_until = :until FROM due WHERE o.notice_id = due.notice_id
                    RETURNING o.notice_id, o.user_id, o.attempts, o.delivered_device_ids)
                SELECT t.notice_id, t.user_id, t.attempts, t.delivered_device_ids, n.kind, n.data::text, d.id, d.token
                FROM taken t JOIN notices n ON n.id = t.notice_id
                LEFT JOIN push_devices d ON d.user_id = t.user_id AND NOT d.id = ANY(t.delivered_device_ids)
                ORDER BY t.notice_id""")
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(until)).param("limit", limit)
                .query(rs -> {
                    UUID noticeId = rs.getObject(1, UUID.class);
                    Claimed row = claimed.get(noticeId);
                    if (row == null) {
                        row = new Claimed(noticeId, rs.getObject(2, UUID.class), NoticeKind.valueOf(rs.getString(5)),
                                json.readTree(rs.getString(6)), rs.getInt(3), uuids(rs.getArray(4)), new ArrayList<>());
                        claimed.put(noticeId, row);
                    }
                    UUID deviceId = rs.getObject(7, UUID.class);
                    if (deviceId != null) {
                        row.devices().add(new Device(deviceId, rs.getString(8)));
                    }
                });
        return List.copyOf(claimed.values());
    }

    private static Set<UUID> uuids(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        Set<UUID> set = new HashSet<>();
        for (Object v : values) {
            set.add(v instanceof UUID u ? u : UUID.fromString(v.toString()));
        }
        return set;
    }

    /** Every device has it, or is gone, or was given up on. */
    void done(Collection<UUID> noticeIds) {
        if (!noticeIds.isEmpty()) {
            jdbc.sql("DELETE FROM push_outbox WHERE notice_id = ANY(?::uuid[])")
                    .param(noticeIds.stream().map(UUID::toString).toArray(String[]::new)).update();
        }
    }

    /** Sent again at {@code dueAt}, to the devices other than {@code delivered}. */
    void retry(UUID noticeId, Set<UUID> delivered, Instant dueAt, String error) {
        jdbc.sql("""
                UPDATE push_outbox SET attempts = attempts + 1, due_at = ?, claimed_until = NULL,
                    delivered_device_ids = ?::uuid[], last_error = ? WHERE notice_id = ?""")
                .params(Timestamp.from(dueAt), delivered.stream().map(UUID::toString).toArray(String[]::new), error, noticeId)
                .update();
    }

    void forgetAllOf(UUID userId) {
        jdbc.sql("DELETE FROM push_outbox WHERE user_id = ?").param(userId).update();
    }

    /** Rows not yet done (the benchmark and tests watch it drain). */
    long pending() {
        return jdbc.sql("SELECT count(*) FROM push_outbox").query(Long.class).single();
    }
}
