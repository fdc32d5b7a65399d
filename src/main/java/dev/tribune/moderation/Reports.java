package dev.tribune.moderation;

import dev.tribune.shared.Cursors;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
}
