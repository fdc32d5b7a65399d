package dev.tribune.notifications;

import dev.tribune.events.PersonalNotices;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a broadcast into notices, a chunk of recipients per transaction: each chunk's notices, push outbox rows and
 * the broadcast's progress commit together, so an expansion cut short anywhere carries on where it stopped, and a
 * chunk done twice (it cannot be, the row is locked, but a dedupe key is the proof) tells nobody twice.
 */
@Component
class BroadcastExpander {

    private final NoticeBroadcasts broadcasts;
    private final Notices notices;
    private final PushOutbox outbox;
    private final PushSender push;
    private final PersonalNotices sockets;
    private final TransactionTemplate transactions;
    private final NotificationProperties properties;
    private final Clock clock;

    BroadcastExpander(NoticeBroadcasts broadcasts, Notices notices, PushOutbox outbox, PushSender push, PersonalNotices sockets,
            TransactionTemplate transactions, NotificationProperties properties, Clock clock) {
        this.broadcasts = broadcasts;
        this.notices = notices;
        this.outbox = outbox;
        this.push = push;
        this.sockets = sockets;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Expands every pending broadcast this worker can take, chunk by chunk; returns the notices written. */
    int expandPending() {
        int told = 0;
        for (String key : broadcasts.pending(20)) {
            int chunk;
            do {
                chunk = expandChunk(key);
                told += Math.max(chunk, 0);
            } while (chunk >= 0);
        }
        return told;
    }

    /** One chunk of one broadcast; -1 when it is done or another worker holds it. */
    int expandChunk(String key) {
        Integer told = transactions.execute(tx -> broadcasts.lock(key).map(b -> {
            Instant now = clock.instant();
            List<UUID> recipients = broadcasts.nextRecipients(b, properties.broadcastChunk(), now);
            if (recipients.isEmpty()) {
                broadcasts.finish(key, now);
                return -1;
            }
            Map<UUID, UUID> added = notices.addEach(recipients, b.kind(), b.data(), now, key);
            Map<UUID, Object> frames = new LinkedHashMap<>();
            added.forEach((userId, noticeId) -> frames.put(userId, Notices.frame(noticeId, b.kind(), now, b.data())));
            sockets.sendEach(frames); // a few bus messages per chunk, not one per recipient
            if (push.enabled()) {
                outbox.queueEach(added, b.kind(), now);
            }
            broadcasts.advance(key, recipients.getLast(), added.size());
            return added.size();
        }).orElse(-1));
        return told == null ? -1 : told;
    }
}
