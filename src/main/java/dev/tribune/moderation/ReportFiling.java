package dev.tribune.moderation;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.moderation.ModerationEvent.ReportFiled;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomOccupants;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import dev.tribune.shared.Page;
import dev.tribune.shared.RateLimit;
import dev.tribune.shared.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Filing a report (with its evidence frozen at that moment), and the reporter's own view of their reports. */
@Service
class ReportFiling {

    /** A second report of the same person in the same room by the same reporter within this is the first one. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

    record FileRequest(UUID reportedUserId, UUID roomId, UUID messageId, ReportReason reason, String details) {
    }

    /** The answer to filing: {@code created} false when an earlier identical report is answered instead. */
    record Filed(FiledView report, boolean created) {
    }

    record FiledView(UUID id, Report.Status status, UUID reportedUserId, UUID roomId, UUID messageId, ReportReason reason,
            Instant createdAt) {

        static FiledView of(Report r) {
            return new FiledView(r.id(), r.status(), r.reportedUserId(), r.roomId(), r.messageId(), r.reason(), r.createdAt());
        }
    }

    /** A reporter's view of their report: whether something was done, never what. */
    record MyReportView(UUID id, UUID reportedUserId, UUID roomId, UUID messageId, ReportReason reason, Report.Status status,
            Report.Outcome outcome, Instant createdAt) {

        static MyReportView of(Report r) {
            return new MyReportView(r.id(), r.reportedUserId(), r.roomId(), r.messageId(), r.reason(), r.status(), r.outcome(),
                    r.createdAt());
        }
    }

    private final Reports reports;
    private final Evidence evidence;
    private final RoomAccess rooms;
    private final RoomOccupants occupants;
    private final UserDirectory users;
    private final RoomEvents events;
    private final RateLimiter rateLimiter;
    private final RateLimit limit;
    private final Duration evidenceWindow;
    private final Clock clock;

    ReportFiling(Reports reports, Evidence evidence, RoomAccess rooms, RoomOccupants occupants, UserDirectory users,
            RoomEvents events, RateLimiter rateLimiter, ModerationProperties properties, Clock clock) {
        this.reports = reports;
        this.evidence = evidence;
        this.rooms = rooms;
        this.occupants = occupants;
        this.users = users;
        this.events = events;
        this.rateLimiter = rateLimiter;
        this.limit = new RateLimit(properties.reportPermits(), properties.reportWindow());
        this.evidenceWindow = properties.evidenceWindow();
        this.clock = clock;
    }

    @Transactional
    Filed file(AuthenticatedUser caller, FileRequest request) {
        rateLimiter.acquire("report:" + caller.id(), limit, "Too many reports: wait a little.");
        UUID reported = request.reportedUserId();
        if (reported.equals(caller.id())) {
            throw ModerationProblems.notReportable("You cannot report yourself.");
        }
        if (users.findAll(Set.of(reported)).isEmpty()) {
            throw ApiException.notFound("No such person.");
        }
        UUID roomId = request.roomId();
        if (request.messageId() != null) {
            Reports.MessagePlace message = reports.messagePlace(request.messageId())
                    .orElseThrow(() -> ModerationProblems.notReportable("There is no such message."));
            if (roomId != null && !roomId.equals(message.roomId())) {
                throw ModerationProblems.notReportable("That message is not in that room.");
            }
            if (!message.senderId().equals(reported)) {
                throw ModerationProblems.notReportable("That message is not from the person reported.");
            }
            roomId = message.roomId();
        }
        Room room = null;
        if (roomId != null) {
            UUID id = roomId;
            room = rooms.find(id).filter(r -> occupants.hasBeenIn(id, caller.id()))
                    .orElseThrow(() -> ModerationProblems.notReportable("You can only report in a room you are or were in."));
            if (!occupants.hasBeenIn(id, reported)) {
                throw ModerationProblems.notReportable("That person has never been in that room.");
            }
        }

        Instant now = clock.instant();
        reports.lockFiling(caller.id(), reported, roomId);
        var earlier = reports.recent(caller.id(), reported, roomId, now.minus(REPEAT_WINDOW));
        if (earlier.isPresent()) {
            return new Filed(FiledView.of(earlier.get()), false);
        }
        String snapshot = room == null ? null : evidence.take(room.id(), reported, now.minus(evidenceWindow), now);
        String details = request.details() == null || request.details().isBlank() ? null : request.details().strip();
        Report report = new Report(Ids.newId(), caller.id(), reported, roomId, room == null ? null : room.clubId(),
                request.messageId(), request.reason(), details, Report.Status.OPEN, now, null, null, null, null, null, snapshot);
        reports.insert(report);
        if (room != null && room.status() == RoomStatus.LIVE) {
            events.append(room.id(), new ReportFiled(report.id(), reported, report.reason()),
                    EventAudience.staffExcept(reported));
        }
        return new Filed(FiledView.of(report), true);
    }

    @Transactional(readOnly = true)
    Page<MyReportView> mine(AuthenticatedUser caller, int limit, String cursor) {
        Cursors.Key before = Cursors.key(cursor, "my-reports", new Cursors.Key(Instant.parse("9999-01-01T00:00:00Z"), new UUID(-1, -1)));
        return Page.of(reports.byReporter(caller.id(), before, limit + 1), limit,
                r -> Cursors.encode("my-reports", r.createdAt(), r.id()), MyReportView::of);
    }
}
