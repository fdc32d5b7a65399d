package dev.tribune.moderation;

import dev.tribune.shared.Cursors;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code reports} rows: the only writer of the table. */
@Component
class Reports {

    private final JdbcClient jdbc;

    Reports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Report report) {
        jdbc.sql("""
                INSERT INTO reports (id, reporter_id, reported_user_id, room_id, club_id, message_id, reason, details, status,
                                     created_at, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?::jsonb)""")
                .params(report.id(), report.reporterId(), report.reportedUserId(), report.roomId(), report.clubId(),
                        report.messageId(), report.reason().name(), report.details(), Timestamp.from(report.createdAt()),
                        report.evidence())
                .update();
    }

    Optional<Report> find(UUID id) {
        return jdbc.sql("SELECT " + Report.COLUMNS + " FROM reports WHERE id = ?").param(id).query(Report::map).optional();
    }

    /**
     * Holds, until commit, the right to file a report of this person in this room by this reporter, so that two
     * identical reports filed at once make one.
     */
    void lockFiling(UUID reporterId, UUID reportedUserId, UUID roomId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("report:" + reporterId + ":" + reportedUserId + ":" + roomId).query(Object.class).single();
    }

    /** The reporter's latest report of this person in this room (or with no room) filed since {@code since}. */
    Optional<Report> recent(UUID reporterId, UUID reportedUserId, UUID roomId, Instant since) {
        return jdbc.sql("SELECT " + Report.COLUMNS + """
                 FROM reports WHERE reporter_id = ? AND reported_user_id = ? AND room_id IS NOT DISTINCT FROM ?
                 AND created_at >= ? ORDER BY created_at LIMIT 1""")
                .params(reporterId, reportedUserId, roomId, Timestamp.from(since))
                .query(Report::map).optional();
    }

    /** A reporter's reports, newest first, after {@code key}, at most {@code limit}. */
    List<Report> byReporter(UUID reporterId, Cursors.Key key, int limit) {
        return jdbc.sql("SELECT " + Report.COLUMNS + """
                 FROM reports WHERE reporter_id = ? AND (created_at, id) < (?, ?)
                 ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(reporterId, Timestamp.from(key.at()), key.id(), limit)
                .query(Report::map).list();
    }

    /** Whether there is a chat message with this id, and where: {@code [roomId, senderId]}. */
    Optional<MessagePlace> messagePlace(UUID messageId) {
        return jdbc.sql("SELECT room_id, sender_id FROM chat_messages WHERE id = ?").param(messageId)
                .query((rs, n) -> new MessagePlace(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
    }

    record MessagePlace(UUID roomId, UUID senderId) {
    }

    /** What the queue is filtered by; any may be null. */
    record QueueFilter(Report.Status status, UUID roomId, UUID clubId, UUID reportedUserId) {
    }

    /**
     * The reports {@code callerId} may see, oldest first, after {@code after}: all for staff; otherwise their clubs'
     * rooms' (as a club ADMIN) and those of LIVE rooms they are HOST or MODERATOR of. Never those about themselves.
     */
    List<Report> queue(UUID callerId, boolean staff, QueueFilter filter, Cursors.Key after, int limit) {
        return jdbc.sql("SELECT " + Report.COLUMNS + """
                 FROM reports WHERE reported_user_id <> :caller
                 AND (:staff
                      OR club_id IN (SELECT club_id FROM club_members WHERE user_id = :caller AND role = 'ADMIN')
                      OR room_id IN (SELECT p.room_id FROM participants p JOIN rooms r ON r.id = p.room_id
                                     WHERE p.user_id = :caller AND p.role IN ('HOST', 'MODERATOR') AND p.left_at IS NULL
                                       AND r.status = 'LIVE'))
                 AND (CAST(:status AS text) IS NULL OR status = :status)
                 AND (CAST(:room AS uuid) IS NULL OR room_id = :room)
                 AND (CAST(:club AS uuid) IS NULL OR club_id = :club)
                 AND (CAST(:reported AS uuid) IS NULL OR reported_user_id = :reported)
                 AND (created_at, id) > (:at, :id)
                 ORDER BY created_at, id LIMIT :limit""")
                .param("caller", callerId).param("staff", staff)
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("room", filter.roomId()).param("club", filter.clubId()).param("reported", filter.reportedUserId())
                .param("at", Timestamp.from(after.at())).param("id", after.id()).param("limit", limit)
                .query(Report::map).list();
    }

    /** Resolves an OPEN report; false when it is resolved already (by someone else a moment ago, perhaps). */
    boolean resolve(UUID id, UUID by, Report.Action action, String note, Integer durationDays, Instant at) {
        return jdbc.sql("""
                UPDATE reports SET status = 'RESOLVED', resolved_at = ?, resolved_by = ?, resolution_action = ?,
                    resolution_note = ?, resolution_duration_days = ?
                WHERE id = ? AND status = 'OPEN'""")
                .params(Timestamp.from(at), by, action.name(), note, durationDays, id).update() == 1;
    }

    /** The person's reports other than {@code exceptId}, newest first, at most {@code limit}, and how many in all. */
    List<Report> about(UUID userId, UUID exceptId, int limit) {
        return jdbc.sql("SELECT " + Report.COLUMNS + """
                 FROM reports WHERE reported_user_id = ? AND id <> ? ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(userId, exceptId, limit).query(Report::map).list();
    }

    long countAbout(UUID userId, UUID exceptId) {
        return jdbc.sql("SELECT count(*) FROM reports WHERE reported_user_id = ? AND id <> ?").params(userId, exceptId)
                .query(Long.class).single();
    }

    /** A chat message as it was sent, deleted since or not. */
    Optional<QuotedMessage> quote(UUID messageId) {
        return jdbc.sql("SELECT id, sender_id, text, sent_at, deleted_at FROM chat_messages WHERE id = ?").param(messageId)
                .query((rs, n) -> new QuotedMessage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) != null))
                .optional();
    }

    record QuotedMessage(UUID id, UUID fromUserId, String text, Instant sentAt, boolean deleted) {
    }

    /** The stored evidence naming {@code person}, locked until commit: id -> evidence. */
    Map<UUID, String> evidenceNaming(UUID person) {
        Map<UUID, String> found = new LinkedHashMap<>();
        jdbc.sql("SELECT id, evidence::text FROM reports WHERE evidence IS NOT NULL AND strpos(evidence::text, ?) > 0 FOR UPDATE")
                .param(person.toString())
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return found;
    }

    void replaceEvidence(UUID reportId, String evidence) {
        jdbc.sql("UPDATE reports SET evidence = ?::jsonb WHERE id = ?").params(evidence, reportId).update();
    }

    /** Erases the evidence of the reports resolved before {@code before}; how many. */
    int eraseEvidenceResolvedBefore(Instant before, Instant now) {
        return jdbc.sql("""
                UPDATE reports SET evidence = NULL, evidence_purged_at = ?
                WHERE status = 'RESOLVED' AND resolved_at < ? AND evidence IS NOT NULL""")
                .params(Timestamp.from(now), Timestamp.from(before)).update();
    }
}
