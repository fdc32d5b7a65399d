package dev.tribune.notifications;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.events.PersonalNotices;
import dev.tribune.moderation.AppealDecided;
import dev.tribune.moderation.ReportResolved;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's notices: written when something is decided about them, read and marked read by them. */
@Service
class NoticeService {

    private final Notices notices;
    private final PersonalNotices sockets;
    private final Clock clock;

    NoticeService(Notices notices, PersonalNotices sockets, Clock clock) {
        this.notices = notices;
        this.sockets = sockets;
        this.clock = clock;
    }

    /** Kept for them, and sent to their open sockets when the transaction commits. */
    private void tell(UUID userId, NoticeKind kind, Map<String, Object> data, Instant at) {
        UUID id = notices.add(userId, kind, data, at);
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("id", id);
        notice.put("kind", kind);
        notice.put("at", at);
        notice.put("read", false);
        notice.put("data", data);
        sockets.send(userId, notice);
    }

    /**
     * Synchronous, in the transaction of the resolution: the person and the reporter are told exactly when the
     * decision commits, never about one that rolled back.
     */
    @EventListener
    void on(ReportResolved resolved) {
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("auditId", resolved.auditId());
        data.put("reportId", resolved.reportId());
        data.put("reason", resolved.reason());
        data.put("note", resolved.note());
        data.put("roomId", resolved.roomId());
        NoticeKind kind = switch (resolved.action()) {
            case "WARN" -> NoticeKind.WARNED;
            case "SUSPEND_ACCOUNT" -> {
                data.put("until", resolved.until());
                data.put("durationDays", resolved.durationDays());
                yield NoticeKind.SUSPENDED;
            }
            case "BAN_FROM_ROOM", "BAN_FROM_CLUB" -> {
                data.put("scope", resolved.action().equals("BAN_FROM_ROOM") ? "ROOM" : "CLUB");
                data.put("clubId", resolved.clubId());
                yield NoticeKind.BANNED;
            }
            default -> null; // a dismissal tells them nothing; a removal they saw happen (participant.removed)
        };
        if (kind != null) {
            tell(resolved.reportedUserId(), kind, data, now);
        }
        tell(resolved.reporterId(), NoticeKind.REPORT_OUTCOME, Map.of("reportId", resolved.reportId(),
                "outcome", "DISMISS".equals(resolved.action()) ? "NO_VIOLATION" : "ACTION_TAKEN"), now);
    }

    /** Synchronous, in the transaction of the decision. */
    @EventListener
    void on(AppealDecided decided) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appealId", decided.appealId());
        data.put("auditId", decided.auditId());
        data.put("decision", decided.decision());
        data.put("note", decided.note());
        tell(decided.userId(), NoticeKind.APPEAL_DECIDED, data, clock.instant());
    }

    @Transactional(readOnly = true)
    Page<Notices.Notice> mine(AuthenticatedUser caller, int limit, String cursor) {
        Cursors.Key before = Cursors.key(cursor, "notices", new Cursors.Key(Instant.parse("9999-01-01T00:00:00Z"), new UUID(-1, -1)));
        return Page.of(notices.of(caller.id(), before, limit + 1), limit, n -> Cursors.encode("notices", n.at(), n.id()), n -> n);
    }

    /** Marks read the caller's notices up to and including {@code upTo} (one of theirs), newer ones staying unread. */
    @Transactional
    void readUpTo(AuthenticatedUser caller, UUID upTo) {
        Instant at = notices.writtenAt(caller.id(), upTo).orElseThrow(() -> ApiException.notFound("No such notice."));
        notices.readUpTo(caller.id(), at, upTo, clock.instant());
    }
}
