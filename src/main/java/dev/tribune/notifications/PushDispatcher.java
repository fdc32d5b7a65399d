package dev.tribune.notifications;

import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.notifications.PushSender.Delivered;
import dev.tribune.notifications.PushSender.Failed;
import dev.tribune.notifications.PushSender.NotSent;
import dev.tribune.notifications.PushSender.Outcome;
import dev.tribune.notifications.PushSender.PushMessage;
import dev.tribune.notifications.PushSender.TokenGone;
import dev.tribune.notifications.PushSender.TryAgain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends due outbox rows: claims a batch, sends one message per device (at most 500 per {@code sendEach}, paced to
 * {@code rate-per-second}), then settles each row. A row whose devices all have it, or are gone, is done; otherwise it
 * is retried later (with backoff, never before FCM's Retry-After) to the devices that do not have it yet. A crash
 * after sending and before settling sends again after the claim runs out: the notice id is the notification's tag,
 * so the device replaces it rather than showing it twice.
 */
@Component
class PushDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
    /** sendEach's limit. */
    static final int MAX_PER_CALL = 500;

    private final PushOutbox outbox;
    private final PushDevices devices;
    private final PushSender sender;
    private final NotificationProperties.Push properties;
    private final WebhookUrls urls;
    private final Clock clock;
    private final Object pace = new Object();
    private long nextSendNanos = System.nanoTime();

    PushDispatcher(PushOutbox outbox, PushDevices devices, PushSender sender, NotificationProperties properties, WebhookUrls urls,
            Clock clock) {
        this.outbox = outbox;
        this.devices = devices;
        this.sender = sender;
        this.properties = properties.push();
        this.urls = urls;
        this.clock = clock;
    }

    /** One pass: claims a batch of due rows and sends them. Returns the rows claimed (0: nothing was due). */
    int dispatchOnce() {
        if (!sender.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        List<PushOutbox.Claimed> claimed = outbox.claim(properties.batchSize(), now, now.plus(properties.claimTimeout()));
        if (claimed.isEmpty()) {
            return 0;
        }
        List<PushMessage> messages = new ArrayList<>();
        // the notice of each message, by position: one device may have several notices in a batch
        List<UUID> noticeOf = new ArrayList<>();
        for (PushOutbox.Claimed row : claimed) {
            for (PushOutbox.Device device : row.devices()) {
                messages.add(message(row, device));
                noticeOf.add(row.noticeId());
            }
        }
        // past half the claim, what is not sent yet is left to be claimed again: sending it now could overlap with
        // another dispatcher that took the row when the claim ran out
        Instant sendBy = now.plus(properties.claimTimeout().dividedBy(2));
        List<Outcome> outcomes = new ArrayList<>(messages.size());
        for (int from = 0; from < messages.size(); from += MAX_PER_CALL) {
            List<PushMessage> part = messages.subList(from, Math.min(messages.size(), from + MAX_PER_CALL));
            awaitRate(part.size());
            if (clock.instant().isAfter(sendBy)) {
                part.forEach(m -> outcomes.add(new NotSent()));
            } else {
                outcomes.addAll(sender.send(part));
            }
        }
        settle(claimed, messages, noticeOf, outcomes);
        return claimed.size();
    }

    private PushMessage message(PushOutbox.Claimed row, PushOutbox.Device device) {
        PushTexts.Text text = PushTexts.of(row.kind(), row.data());
        String roomId = row.data().path("roomId").isString() ? row.data().path("roomId").asString() : null;
        String link = urls.at(roomId != null ? "/rooms/" + roomId : "/notices");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("noticeId", row.noticeId().toString());
        data.put("kind", row.kind().name());
        data.put("url", link);
        if (roomId != null) {
            data.put("roomId", roomId);
        }
        return new PushMessage(device.id(), device.token(), text.title(), text.body(), link, row.noticeId().toString(), data);
    }

    private void settle(List<PushOutbox.Claimed> claimed, List<PushMessage> messages, List<UUID> noticeOf, List<Outcome> outcomes) {
        Map<UUID, Set<UUID>> delivered = new LinkedHashMap<>();
        Map<UUID, Duration> retryAfter = new LinkedHashMap<>();
        Map<UUID, String> errors = new LinkedHashMap<>();
        Set<UUID> gone = new HashSet<>();
        Set<UUID> unsent = new HashSet<>();
        claimed.forEach(row -> {
            delivered.put(row.noticeId(), new HashSet<>(row.delivered()));
        });
        for (int i = 0; i < messages.size(); i++) {
            UUID deviceId = messages.get(i).deviceId();
            UUID noticeId = noticeOf.get(i);
            switch (outcomes.get(i)) {
                case Delivered d -> delivered.get(noticeId).add(deviceId);
                case TokenGone g -> gone.add(deviceId);
                case Failed f -> {
                    // given up for this device; the notice stays readable in the app
                    log.warn("Push of notice {} to a device failed for good: {}", noticeId, f.reason());
                    delivered.get(noticeId).add(deviceId);
                }
                case NotSent n -> unsent.add(noticeId);
                case TryAgain t -> {
                    retryAfter.merge(noticeId, t.notBefore(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    errors.put(noticeId, t.reason());
                }
            }
        }
        devices.forget(gone);
        List<UUID> done = new ArrayList<>();
        Instant now = clock.instant();
        for (PushOutbox.Claimed row : claimed) {
            Duration notBefore = retryAfter.get(row.noticeId());
            if (notBefore == null && unsent.contains(row.noticeId())) {
                outbox.release(row.noticeId(), delivered.get(row.noticeId()), now);
            } else if (notBefore == null) {
                done.add(row.noticeId());
            } else if (row.attempts() + 1 >= properties.maxAttempts()) {
                log.warn("Push of notice {} given up after {} attempts: {}", row.noticeId(), row.attempts() + 1, errors.get(row.noticeId()));
                done.add(row.noticeId());
            } else {
                Duration wait = backoff(row.attempts());
                log.info("Push of notice {} will be tried again: {}", row.noticeId(), errors.get(row.noticeId()));
                outbox.retry(row.noticeId(), delivered.get(row.noticeId()), now.plus(notBefore.compareTo(wait) > 0 ? notBefore : wait),
                        errors.get(row.noticeId()));
            }
        }
        outbox.done(done);
    }

    /** The wait before attempt {@code attempts + 2}: backoff doubled per failure, at most max-backoff. */
    Duration backoff(int attempts) {
        Duration wait = properties.backoff().multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    /**
     * Paces this instance's sends to rate-per-second, shared by all its workers. Elapsed time is measured, not read
     * from the clock: it is a rate, not a moment.
     */
    private void awaitRate(int messages) {
        long wait;
        synchronized (pace) {
            long now = System.nanoTime();
            long start = Math.max(now, nextSendNanos);
            nextSendNanos = start + TimeUnit.SECONDS.toNanos(messages) / properties.ratePerSecond();
            wait = start - now;
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
