package dev.tribune.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code notice_broadcasts} rows: audiences still to be told. The only writer of the table. Reading an audience
 * means reading who follows whom, who belongs to a club and who asked for a reminder: those tables belong to accounts,
 * clubs and rooms, which depend on nothing of ours, but a hundred thousand recipients are read a chunk at a time in
 * one statement each, in user id order, which no API of theirs offers (TableOwnershipTest lists these reads).
 */
@Component
class NoticeBroadcasts {

    /** A broadcast being expanded; {@code after} is the last recipient told (null: none yet). */
    record Broadcast(String key, NoticeKind kind, JsonNode data, String audience, UUID subjectId, UUID[] excluding, UUID after) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    NoticeBroadcasts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** False when a broadcast with this key exists already (the cause ran twice). */
    boolean add(String key, NoticeKind kind, Object data, NoticeAudience audience, Instant now) {
        UUID subject = switch (audience) {
            case NoticeAudience.FollowersOf f -> f.userId();
            case NoticeAudience.ClubPeople c -> c.clubId();
            case NoticeAudience.RemindedOf r -> r.roomId();
            case NoticeAudience.RoomAnnounced r -> r.roomId();
        };
        String name = switch (audience) {
            case NoticeAudience.FollowersOf f -> "FOLLOWERS_OF";
            case NoticeAudience.ClubPeople c -> "CLUB_PEOPLE";
            case NoticeAudience.RemindedOf r -> "REMINDED_OF";
            case NoticeAudience.RoomAnnounced r -> "ROOM_ANNOUNCED";
        };
        return jdbc.sql("""
                INSERT INTO notice_broadcasts (broadcast_key, kind, data, audience, subject_id, excluding, created_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?::uuid[], ?) ON CONFLICT (broadcast_key) DO NOTHING""")
                .params(key, kind.name(), json.writeValueAsString(data), name, subject,
                        audience.excluding().stream().map(UUID::toString).toArray(String[]::new), Timestamp.from(now))
                .update() == 1;
    }

    /** Keys of broadcasts not yet done, oldest first. */
    List<String> pending(int limit) {
        return jdbc.sql("SELECT broadcast_key FROM notice_broadcasts WHERE done_at IS NULL ORDER BY created_at LIMIT ?")
                .param(limit).query(String.class).list();
    }

    /**
     * In the chunk's transaction: the broadcast, locked until it commits, unless another worker (here or on another
     * instance) holds it or it is done.
     */
    Optional<Broadcast> lock(String key) {
        return jdbc.sql("""
                SELECT broadcast_key, kind, data::text, audience, subject_id, excluding, after_user_id FROM notice_broadcasts
                WHERE broadcast_key = ? AND done_at IS NULL FOR UPDATE SKIP LOCKED""")
                .param(key)
                .query((rs, n) -> new Broadcast(rs.getString(1), NoticeKind.valueOf(rs.getString(2)), json.readTree(rs.getString(3)),
                        rs.getString(4), rs.getObject(5, UUID.class), (UUID[]) rs.getArray(6).getArray(), rs.getObject(7, UUID.class)))
                .optional();
    }

    /** The next recipients after {@code b.after()}, in user id order: not excluded, not erased, not suspended. */
    List<UUID> nextRecipients(Broadcast b, int limit, Instant now) {
        String audience = switch (b.audience()) {
            case "FOLLOWERS_OF" -> "SELECT follower_id AS user_id FROM user_follows WHERE followee_id = :subject";
            case "CLUB_PEOPLE" -> "SELECT user_id FROM club_follows WHERE club_id = :subject "
                    + "UNION SELECT user_id FROM club_members WHERE club_id = :subject";
            case "REMINDED_OF" -> "SELECT user_id FROM room_reminders WHERE room_id = :subject";
            case "ROOM_ANNOUNCED" -> """
                    SELECT f.follower_id AS user_id FROM rooms r JOIN user_follows f ON f.followee_id = r.created_by
                    WHERE r.id = :subject AND r.visibility = 'PUBLIC'
                    UNION SELECT c.user_id FROM rooms r JOIN club_follows c ON c.club_id = r.club_id
                    WHERE r.id = :subject AND r.visibility <> 'PRIVATE'
                    UNION SELECT m.user_id FROM rooms r JOIN club_members m ON m.club_id = r.club_id
                    WHERE r.id = :subject AND r.visibility <> 'PRIVATE'""";
            default -> throw new IllegalStateException("unknown audience " + b.audience());
        };
        return jdbc.sql("SELECT a.user_id FROM (" + audience + ") a JOIN users u ON u.id = a.user_id "
                + "WHERE a.user_id > :after AND u.deleted_at IS NULL AND NOT u.guest "
                + "AND (u.suspended_until IS NULL OR u.suspended_until <= :now) AND NOT a.user_id = ANY(CAST(:excluding AS uuid[])) "
                + "ORDER BY a.user_id LIMIT :limit")
                .param("subject", b.subjectId())
                .param("after", b.after() == null ? new UUID(0, 0) : b.after())
                .param("now", Timestamp.from(now))
                .param("excluding", Arrays.stream(b.excluding()).map(UUID::toString).toArray(String[]::new))
                .param("limit", limit)
                .query(UUID.class).list();
    }

    /** In the chunk's transaction: the chunk up to {@code last} is told. */
    void advance(String key, UUID last, int told) {
        jdbc.sql("UPDATE notice_broadcasts SET after_user_id = ?, told = told + ? WHERE broadcast_key = ?").params(last, told, key).update();
    }

    void finish(String key, Instant now) {
        jdbc.sql("UPDATE notice_broadcasts SET done_at = ? WHERE broadcast_key = ?").params(Timestamp.from(now), key).update();
    }
}
