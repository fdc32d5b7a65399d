package dev.tribune.moderation;

import dev.tribune.accounts.AccountSuspensions;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import dev.tribune.shared.Page;
import dev.tribune.stage.StageEnforcement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appeals (API.md "Appeals"): once per action, within 30 days, by its target; decided by a staff member other than
 * the one who acted. An overturn lifts the ban or suspension at once, is audited, and fills the original entry's
 * {@code reversedBy}. The only writer of {@code appeals}.
 */
@Service
class Appeals {

    static final Duration WINDOW = Duration.ofDays(30);
    private static final Set<String> APPEALABLE = Set.of("WARN", "BAN_FROM_ROOM", "BAN_FROM_CLUB", "SUSPEND_ACCOUNT");

    enum Status {
        OPEN, DECIDED
    }

    enum Decision {
        UPHOLD, OVERTURN
    }

    record AppealView(UUID id, Status status, UUID auditId, String action, UUID userId, String text, Instant createdAt,
            Decision decision, String note, UUID decidedBy, Instant decidedAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Staff staff;
    private final StageEnforcement stage;
    private final AccountSuspensions suspensions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Appeals(JdbcClient jdbc, AuditLog audit, Staff staff, StageEnforcement stage, AccountSuspensions suspensions,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.staff = staff;
        this.stage = stage;
        this.suspensions = suspensions;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    AppealView file(AuthenticatedUser caller, UUID auditId, String text) {
        AuditLog.Recorded entry = audit.find(auditId).filter(e -> caller.id().equals(e.targetUserId()))
                .orElseThrow(() -> ApiException.notFound("No such action about you."));
        if (!APPEALABLE.contains(entry.action())) {
            throw new ApiException(ModerationProblems.NOT_APPEALABLE, "Only a warning, a ban or a suspension can be appealed.");
        }
        Instant now = clock.instant();
        if (entry.at().plus(WINDOW).isBefore(now)) {
            throw new ApiException(ModerationProblems.NOT_APPEALABLE, "An action can be appealed within 30 days.");
        }
        if (entry.reversedBy() != null) {
            throw ApiException.conflict("This action has been reversed already.");
        }
        UUID id = Ids.newId();
        try {
            jdbc.sql("INSERT INTO appeals (id, audit_id, user_id, text, status, created_at) VALUES (?, ?, ?, ?, 'OPEN', ?)")
                    .params(id, auditId, caller.id(), text.strip(), Timestamp.from(now)).update();
        } catch (DuplicateKeyException again) {
            throw ApiException.conflict("This action has been appealed already: once per action.");
        }
        return find(id);
    }

    @Transactional(readOnly = true)
    Page<AppealView> list(AuthenticatedUser caller, Status status, int limit, String cursor) {
        requireStaff(caller);
        Cursors.Key after = Cursors.key(cursor, "appeals", new Cursors.Key(Instant.EPOCH, new UUID(0, 0)));
        List<AppealView> rows = jdbc.sql(SELECT + """
                 WHERE (CAST(:status AS text) IS NULL OR a.status = :status) AND (a.created_at, a.id) > (:at, :id)
                 ORDER BY a.created_at, a.id LIMIT :limit""")
                .param("status", status == null ? null : status.name()).param("at", Timestamp.from(after.at()))
                .param("id", after.id()).param("limit", limit + 1)
                .query(Appeals::map).list();
        return Page.of(rows, limit, a -> Cursors.encode("appeals", a.createdAt(), a.id()), a -> a);
    }

    @Transactional
    AppealView decide(AuthenticatedUser caller, UUID appealId, Decision decision, String note) {
        requireStaff(caller);
        AppealView appeal = jdbc.sql(SELECT + " WHERE a.id = ? FOR UPDATE OF a").param(appealId).query(Appeals::map).optional()
                .orElseThrow(() -> ApiException.notFound("No such appeal."));
        AuditLog.Recorded entry = audit.find(appeal.auditId()).orElseThrow();
        if (caller.id().equals(entry.actorId())) {
            throw ApiException.forbidden("Another staff member decides an appeal of your own action.");
        }
        if (caller.id().equals(appeal.userId())) {
            throw ApiException.forbidden("Nobody decides their own appeal.");
        }
        if (appeal.status() == Status.DECIDED) {
            throw ApiException.conflict("This appeal has been decided already.");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE appeals SET status = 'DECIDED', decision = ?, note = ?, decided_by = ?, decided_at = ? WHERE id = ?""")
                .params(decision.name(), cleanNote, caller.id(), Timestamp.from(now), appealId).update();
        if (decision == Decision.OVERTURN) {
            switch (entry.action()) {
                case "SUSPEND_ACCOUNT" -> suspensions.lift(entry.targetUserId());
                case "BAN_FROM_ROOM" -> stage.liftRoomBan(entry.roomId(), entry.targetUserId());
                case "BAN_FROM_CLUB" -> stage.liftClubBan(entry.clubId(), entry.targetUserId());
                default -> {
                    // a warning is withdrawn by the record alone
                }
            }
            UUID overturn = audit.append(new AuditLog.Entry(caller.id(), "OVERTURN", entry.targetUserId(), entry.roomId(),
                    entry.clubId(), entry.reportId(), cleanNote, null, null));
            audit.reversed(entry.id(), overturn);
        }
        events.publishEvent(new AppealDecided(appealId, entry.id(), appeal.userId(), decision.name(), cleanNote));
        return find(appealId);
    }

    private void requireStaff(AuthenticatedUser caller) {
        if (!staff.isStaff(caller)) {
            throw ApiException.forbidden("Only staff handle appeals.");
        }
    }

    private AppealView find(UUID id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id).query(Appeals::map).single();
    }

    private static final String SELECT = """
            SELECT a.id, a.status, a.audit_id, m.action, a.user_id, a.text, a.created_at, a.decision, a.note, a.decided_by,
                   a.decided_at
            FROM appeals a JOIN moderation_actions m ON m.id = a.audit_id
            """;

    private static AppealView map(ResultSet rs, int row) throws SQLException {
        String decision = rs.getString("decision");
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new AppealView(rs.getObject("id", UUID.class), Status.valueOf(rs.getString("status")),
                rs.getObject("audit_id", UUID.class), rs.getString("action"), rs.getObject("user_id", UUID.class),
                rs.getString("text"), rs.getTimestamp("created_at").toInstant(),
                decision == null ? null : Decision.valueOf(decision), rs.getString("note"),
                rs.getObject("decided_by", UUID.class), decidedAt == null ? null : decidedAt.toInstant());
    }
}
