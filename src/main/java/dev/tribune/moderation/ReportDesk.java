package dev.tribune.moderation;

import dev.tribune.accounts.AccountSuspensions;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.events.PersonalNotices;
import dev.tribune.moderation.ModerationReach.Reach;
import dev.tribune.moderation.Report.Action;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Page;
import dev.tribune.stage.StageEnforcement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The moderators' side of reports: the queue, a report with its evidence and history, and resolving it. */
@Service
class ReportDesk {

    private static final int HISTORY = 5;

    record QueueItem(UUID id, Report.Status status, ReportReason reason, UserRef reportedUser, UUID roomId, UUID clubId,
            UUID messageId, Instant createdAt, Action resolutionAction) {
    }

    record RoomRef(UUID id, String name, UUID clubId, RoomStatus status) {
    }

    record Resolution(Action action, String note, Integer durationDays, UUID by, Instant at) {
    }

    record PastReport(UUID id, ReportReason reason, Report.Status status, Action action, Instant createdAt) {
    }

    record PastAction(UUID id, String action, Instant at, UUID roomId, UUID clubId, Integer durationDays) {
    }

    /** The reported person's earlier reports and actions: how many, and the last five of each. */
    record History(long reportCount, long actionCount, List<PastReport> reports, List<PastAction> actions) {
    }

    record ReportView(UUID id, Report.Status status, ReportReason reason, String details, Instant createdAt, UUID reporterId,
            UserRef reportedUser, RoomRef room, Reports.QuotedMessage message, JsonNode evidence, History history,
            Resolution resolution) {
    }

    private final Reports reports;
    private final AuditLog audit;
    private final ModerationReach reach;
    private final RoomAccess rooms;
    private final UserDirectory users;
    private final StageEnforcement stage;
    private final AccountSuspensions suspensions;
    private final ApplicationEventPublisher events;
    private final PersonalNotices sockets;
    private final JsonMapper json;
    private final Clock clock;

    ReportDesk(Reports reports, AuditLog audit, ModerationReach reach, RoomAccess rooms, UserDirectory users,
            StageEnforcement stage, AccountSuspensions suspensions, ApplicationEventPublisher events, PersonalNotices sockets,
            JsonMapper json, Clock clock) {
        this.sockets = sockets;
        this.reports = reports;
        this.audit = audit;
        this.reach = reach;
        this.rooms = rooms;
        this.users = users;
        this.stage = stage;
        this.suspensions = suspensions;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Page<QueueItem> queue(AuthenticatedUser caller, Reports.QueueFilter filter, int limit, String cursor) {
        if (caller.guest()) {
            return new Page<>(List.of(), null);
        }
        Cursors.Key after = Cursors.key(cursor, "reports", new Cursors.Key(Instant.EPOCH, new UUID(0, 0)));
        List<Report> rows = reports.queue(caller.id(), reach.isStaff(caller), filter, after, limit + 1);
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> people.add(r.reportedUserId()));
        Map<UUID, UserRef> named = users.findAll(people);
        return Page.of(rows, limit, r -> Cursors.encode("reports", r.createdAt(), r.id()),
                r -> new QueueItem(r.id(), r.status(), r.reason(), named.get(r.reportedUserId()), r.roomId(), r.clubId(),
                        r.messageId(), r.createdAt(), r.resolutionAction()));
    }

    /** The report, to those who reach it; to anyone else it does not exist. */
    @Transactional(readOnly = true)
    ReportView get(AuthenticatedUser caller, UUID reportId) {
        Report report = reports.find(reportId).filter(r -> reach.of(caller, r) != Reach.NONE)
                .orElseThrow(ReportDesk::notFound);
        return view(report);
    }

    @Transactional
    ReportView resolve(AuthenticatedUser caller, UUID reportId, Action action, String note, Integer durationDays) {
        Report report = reports.find(reportId).orElseThrow(ReportDesk::notFound);
        Reach mine = reach.of(caller, report);
        if (!mine.allows(action)) {
            throw ApiException.forbidden(mine == Reach.NONE ? "You cannot decide this report."
                    : "That action is beyond your reach on this report.");
        }
        if (durationDays != null && action != Action.SUSPEND_ACCOUNT) {
            throw ApiException.invalid("durationDays", "is only for SUSPEND_ACCOUNT");
        }
        if (report.roomId() == null && (action == Action.REMOVE_FROM_ROOM || action == Action.BAN_FROM_ROOM)) {
            throw ApiException.invalid("action", "this report names no room");
        }
        if (report.clubId() == null && action == Action.BAN_FROM_CLUB) {
            throw ApiException.invalid("action", "this report's room belongs to no club");
        }
        if (mine == Reach.ROOM && (action == Action.REMOVE_FROM_ROOM || action == Action.BAN_FROM_ROOM)
                && reach.isRoomModeratorOnly(caller, report) && reach.isRoomStaffMember(report, report.reportedUserId())) {
            throw ApiException.forbidden("A MODERATOR removes SPEAKERs and AUDIENCE only.");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        Instant now = clock.instant();
        // the conditional update is the one place two moderators meet: the second waits for the first's commit, then
        // finds the report resolved
        if (report.status() == Report.Status.RESOLVED
                || !reports.resolve(reportId, caller.id(), action, cleanNote, durationDays, now)) {
            throw ApiException.conflict("This report is resolved already.");
        }
        Instant until = null;
        // the stage's own events of this act are not audited again (InRoomAudit): this resolution's entry records it
        TransactionSynchronizationManager.bindResource(InRoomAudit.RESOLVING, reportId);
        try {
            until = takeEffect(report, action, caller, durationDays, now);
        } finally {
            TransactionSynchronizationManager.unbindResource(InRoomAudit.RESOLVING);
        }
        UUID auditId = audit.append(new AuditLog.Entry(caller.id(), action.name(), report.reportedUserId(), report.roomId(),
                report.clubId(), reportId, cleanNote, durationDays, until));
        events.publishEvent(new ReportResolved(reportId, auditId, report.reporterId(), report.reportedUserId(), action.name(),
                report.reason().name(), report.roomId(), report.clubId(), durationDays,
                until == null || until.equals(AccountSuspensions.UNTIL_LIFTED) ? null : until, cleanNote));
        if (action == Action.SUSPEND_ACCOUNT) {
            // after the notice above, so the SUSPENDED notice reaches the sockets before they close
            sockets.closeSockets(report.reportedUserId());
        }
        return view(reports.find(reportId).orElseThrow());
    }

    private Instant takeEffect(Report report, Action action, AuthenticatedUser caller, Integer durationDays, Instant now) {
        switch (action) {
            case DISMISS, WARN -> {
                // nothing takes effect: the person is told (WARN), the reporter learns the outcome
            }
            case REMOVE_FROM_ROOM -> stage.remove(report.roomId(), report.reportedUserId(), caller.id());
            case BAN_FROM_ROOM -> stage.banFromRoom(report.roomId(), report.reportedUserId(), caller.id());
            case BAN_FROM_CLUB -> stage.banFromClub(report.clubId(), report.roomId(), report.reportedUserId(), caller.id());
            case SUSPEND_ACCOUNT -> {
                Instant until = durationDays == null ? AccountSuspensions.UNTIL_LIFTED : now.plus(Duration.ofDays(durationDays));
                suspensions.suspend(report.reportedUserId(), until);
                return until;
            }
        }
        return null;
    }

    private ReportView view(Report report) {
        UserRef reported = users.findAll(Set.of(report.reportedUserId())).get(report.reportedUserId());
        RoomRef room = report.roomId() == null ? null
                : rooms.find(report.roomId()).map(ReportDesk::roomRef).orElse(null);
        Reports.QuotedMessage message = report.messageId() == null ? null : reports.quote(report.messageId()).orElse(null);
        JsonNode evidence = report.evidence() == null ? null : json.readTree(report.evidence());
        History history = new History(reports.countAbout(report.reportedUserId(), report.id()),
                audit.countAbout(report.reportedUserId()),
                reports.about(report.reportedUserId(), report.id(), HISTORY).stream()
                        .map(r -> new PastReport(r.id(), r.reason(), r.status(), r.resolutionAction(), r.createdAt())).toList(),
                audit.about(report.reportedUserId(), HISTORY).stream()
                        .map(a -> new PastAction(a.id(), a.action(), a.at(), a.roomId(), a.clubId(), a.durationDays())).toList());
        Resolution resolution = report.resolutionAction() == null ? null : new Resolution(report.resolutionAction(),
                report.resolutionNote(), report.durationDays(), report.resolvedBy(), report.resolvedAt());
        return new ReportView(report.id(), report.status(), report.reason(), report.details(), report.createdAt(),
                report.reporterId(), reported, room, message, evidence, history, resolution);
    }

    private static RoomRef roomRef(Room room) {
        return new RoomRef(room.id(), room.name(), room.clubId(), room.status());
    }

    private static ApiException notFound() {
        return ApiException.notFound("No such report.");
    }
}
