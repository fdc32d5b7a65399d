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
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notices: written when something is decided about them or happens that they asked to hear of, sent to
 * their sockets, queued for push, read and marked read by them. The producers in this package call {@link #tell} and
 * {@link #tellAudience}.
 */
@Service
class NoticeService {

    private final Notices notices;
    private final PersonalNotices sockets;
    private final PushOutbox outbox;
    private final PushSender push;
    private final NoticeBroadcasts broadcasts;
    private final NotificationWorkers workers;
    private final Clock clock;

    NoticeService(Notices notices, PersonalNotices sockets, PushOutbox outbox, PushSender push, NoticeBroadcasts broadcasts,
            NotificationWorkers workers, Clock clock) {
        this.notices = notices;
        this.sockets = sockets;
        this.outbox = outbox;
        this.push = push;
        this.broadcasts = broadcasts;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * In the caller's transaction. Stores the notice unless the person already has one with {@code dedupeKey}; sends
     * it to their sockets when the transaction commits; queues a push when their settings allow it and they have a
     * device (never when Firebase is off). Returns whether it was new. A null {@code dedupeKey} is never deduplicated
     * (moderation notices: each decision is its own).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean tell(UUID userId, NoticeKind kind, Map<String, Object> data, String dedupeKey) {
        Instant at = clock.instant();
        Optional<UUID> added = notices.add(userId, kind, data, at, dedupeKey);
        added.ifPresent(id -> {
            sockets.send(userId, Notices.frame(id, kind, at, data));
            if (push.enabled()) {
                outbox.queue(id, userId, kind, at);
            }
        });
        return added.isPresent();
    }

    /**
     * In the caller's transaction: one row naming the audience. It is expanded to notices (each with the dedupe key
     * {@code broadcastKey}) after commit, on the notifications executor, in chunks, idempotently; a second call with
     * the same {@code broadcastKey} does nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void tellAudience(String broadcastKey, NoticeKind kind, Map<String, Object> data, NoticeAudience audience) {
        if (broadcasts.add(broadcastKey, kind, data, audience, clock.instant())) {
            workers.wakeAfterCommit();
        }
    }

    /**
     * Synchronous, in the transaction of the resolution: the person and the reporter are told exactly when the
     * decision commits, never about one that rolled back.
     */
    @EventListener
    void on(ReportResolved resolved) {
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
            tell(resolved.reportedUserId(), kind, data, null);
        }
        tell(resolved.reporterId(), NoticeKind.REPORT_OUTCOME, Map.of("reportId", resolved.reportId(),
                "outcome", "DISMISS".equals(resolved.action()) ? "NO_VIOLATION" : "ACTION_TAKEN"), null);
    }

    /** Synchronous, in the transaction of the decision. */
    @EventListener
    void on(AppealDecided decided) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appealId", decided.appealId());
        data.put("auditId", decided.auditId());
        data.put("decision", decided.decision());
        data.put("note", decided.note());
        tell(decided.userId(), NoticeKind.APPEAL_DECIDED, data, null);
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
