package dev.tribune.moderation;

import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit log ({@code moderation_actions}): its only writer. Entries are written in the transaction of
 * the act they record, so there is never an act without its entry or an entry without its act.
 */
@Component
class AuditLog {

    /** One act: {@code actorId} null when the service acted by itself. */
    record Entry(UUID actorId, String action, UUID targetUserId, UUID roomId, UUID clubId, UUID reportId, String note,
            Integer durationDays, Instant until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    UUID append(Entry entry) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO moderation_actions (id, actor_id, action, target_user_id, room_id, club_id, report_id, note,
                                                duration_days, until, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, entry.actorId(), entry.action(), entry.targetUserId(), entry.roomId(), entry.clubId(),
                        entry.reportId(), entry.note(), entry.durationDays(),
                        entry.until() == null ? null : Timestamp.from(entry.until()), Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /** An entry as the log and a report's history show it. */
    record Recorded(UUID id, Instant at, UUID actorId, String action, UUID targetUserId, UUID roomId, UUID clubId,
            UUID reportId, String note, Integer durationDays, Instant until, UUID reversedBy) {
    }

    static final String COLUMNS = """
            id, created_at, actor_id, action, target_user_id, room_id, club_id, report_id, note, duration_days, until, reversed_by
            """;

    static Recorded map(ResultSet rs, int row) throws SQLException {
        Timestamp until = rs.getTimestamp("until");
        return new Recorded(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                rs.getObject("actor_id", UUID.class), rs.getString("action"), rs.getObject("target_user_id", UUID.class),
                rs.getObject("room_id", UUID.class), rs.getObject("club_id", UUID.class), rs.getObject("report_id", UUID.class),
                rs.getString("note"), rs.getObject("duration_days", Integer.class), until == null ? null : until.toInstant(),
                rs.getObject("reversed_by", UUID.class));
    }

    /** The entries about a person, newest first, at most {@code limit}. */
    List<Recorded> about(UUID userId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM moderation_actions WHERE target_user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(userId, limit).query(AuditLog::map).list();
    }

    long countAbout(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM moderation_actions WHERE target_user_id = ?").param(userId).query(Long.class).single();
    }

    /** What the audit log is filtered by; any may be null. */
    record Filter(UUID roomId, UUID clubId, UUID userId, UUID actorId, String action) {
    }

    /** The clubs someone is an ADMIN of: the part of the log they may read, unless they are staff. */
    List<UUID> adminClubs(UUID userId) {
        return jdbc.sql("SELECT club_id FROM club_members WHERE user_id = ? AND role = 'ADMIN'").param(userId)
                .query(UUID.class).list();
    }

    /** Entries newest first before {@code before}, within {@code clubs} unless null (staff), at most {@code limit}. */
    List<Recorded> read(Filter filter, List<UUID> clubs, Cursors.Key before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM moderation_actions
                 WHERE (CAST(:all AS boolean) OR club_id = ANY(CAST(:clubs AS uuid[])))
                 AND (CAST(:room AS uuid) IS NULL OR room_id = :room)
                 AND (CAST(:club AS uuid) IS NULL OR club_id = :club)
                 AND (CAST(:user AS uuid) IS NULL OR target_user_id = :user)
                 AND (CAST(:actor AS uuid) IS NULL OR actor_id = :actor)
                 AND (CAST(:action AS text) IS NULL OR action = :action)
                 AND (created_at, id) < (:at, :id)
                 ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("all", clubs == null).param("clubs", clubs == null ? new UUID[0] : clubs.toArray(UUID[]::new))
                .param("room", filter.roomId()).param("club", filter.clubId()).param("user", filter.userId())
                .param("actor", filter.actorId()).param("action", filter.action())
                .param("at", Timestamp.from(before.at())).param("id", before.id()).param("limit", limit)
                .query(AuditLog::map).list();
    }

    Optional<Recorded> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM moderation_actions WHERE id = ?").param(id).query(AuditLog::map).optional();
    }

    /** The one update an entry ever gets: the entry that reversed it. */
    void reversed(UUID id, UUID by) {
        jdbc.sql("UPDATE moderation_actions SET reversed_by = ? WHERE id = ? AND reversed_by IS NULL").params(by, id).update();
    }

    /** The latest entry of this action about a person, not reversed. */
    Optional<Recorded> latest(UUID userId, String action) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM moderation_actions WHERE target_user_id = ? AND action = ? AND reversed_by IS NULL
                 ORDER BY created_at DESC, id DESC LIMIT 1""")
                .params(userId, action).query(AuditLog::map).optional();
    }
}
