package dev.tribune.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This instance's subscribers, by room. When a room's bell rings (or the poll comes round), one pump per room
 * reads the log after the last seq this instance pushed, serialises each event once, and hands the frame to every
 * subscriber allowed to see it, judged by their role now.
 */
@Component
class RoomFanout {

    private static final Logger log = LoggerFactory.getLogger(RoomFanout.class);
    private static final int BATCH = 500;

    private final EventLog events;
    private final JsonMapper json;
    private final List<PersonalFrames> personal;
    private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();
    private final ExecutorService pumps = Executors.newVirtualThreadPerTaskExecutor();

    private static final class Channel {
        final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
        final ReentrantLock lock = new ReentrantLock();
        final AtomicBoolean dirty = new AtomicBoolean();
        volatile long lastPushed;
    }

    RoomFanout(EventLog events, JsonMapper json, RoomEventBus bus, List<PersonalFrames> personal) {
        this.events = events;
        this.json = json;
        this.personal = personal;
        bus.listen(roomId -> {
            if (roomId == null) {
                channels.keySet().forEach(this::ring);
            } else {
                ring(roomId);
            }
        });
    }

    /** Registers for live frames first; the caller replays history, then {@link Subscription#goLive}s it. */
    void register(Subscription subscription) {
        // read before, not inside compute(): no database call while holding the map's lock
        long current = events.currentSeq(subscription.roomId);
        channels.compute(subscription.roomId, (roomId, channel) -> {
            Channel c = channel;
            if (c == null) {
                c = new Channel();
                c.lastPushed = current;
            }
            c.subscribers.add(subscription);
            return c;
        });
    }

    void unregister(Subscription subscription) {
        channels.computeIfPresent(subscription.roomId, (roomId, channel) -> {
            channel.subscribers.remove(subscription);
            return channel.subscribers.isEmpty() ? null : channel;
        });
    }

    void ring(UUID roomId) {
        Channel channel = channels.get(roomId);
        if (channel != null) {
            channel.dirty.set(true);
            pumps.execute(() -> pump(roomId, channel));
        }
    }

    /** The safety net: rings lost while the LISTEN connection was down are caught up here. */
    @Scheduled(fixedDelayString = "${tribune.events.poll-interval:2s}")
    void poll() {
        channels.keySet().forEach(this::ring);
    }

    private void pump(UUID roomId, Channel channel) {
        // whoever holds the lock drains until nothing new arrived; a ring while it works sets dirty again
        while (channel.dirty.get() && channel.lock.tryLock()) {
            try {
                while (channel.dirty.getAndSet(false)) {
                    if (push(roomId, channel) == BATCH) {
                        channel.dirty.set(true);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Could not push the events of room {}: {}", roomId, e.getMessage());
            } finally {
                channel.lock.unlock();
            }
        }
    }

    private int push(UUID roomId, Channel channel) {
        List<StoredEvent> batch = events.after(roomId, channel.lastPushed, Long.MAX_VALUE, BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<UUID, String> panel = events.panelRoles(roomId);
        for (StoredEvent event : batch) {
            String frame = json.writeValueAsString(event.frame());
            for (Subscription subscriber : channel.subscribers) {
                if (event.audience().admits(subscriber.userId(), panel.getOrDefault(subscriber.userId(), "AUDIENCE"))) {
                    subscriber.deliver(event.seq(), personalise(event, subscriber.userId(), frame));
                } else {
                    subscriber.passed(event.seq());
                }
            }
            channel.lastPushed = event.seq();
        }
        return batch.size();
    }

    /** The shared frame, or one made for this recipient where the event type asks for it (a fresh media grant). */
    private String personalise(StoredEvent event, UUID userId, String shared) {
        for (PersonalFrames frames : personal) {
            Optional<Object> data = frames.dataFor(event.type(), event.roomId(), userId);
            if (data.isPresent()) {
                return json.writeValueAsString(new StoredEvent.Frame("event", event.roomId(), event.seq(), event.type(), event.at(),
                        json.writeValueAsString(data.get())));
            }
        }
        return shared;
    }

    /** What {@link #push} does for one subscriber's replay: the same frames, the same visibility. */
    void replay(Subscription subscription, long afterSeq, long upToSeq) {
        long from = afterSeq;
        while (from < upToSeq) {
            List<StoredEvent> batch = events.after(subscription.roomId, from, upToSeq, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            Map<UUID, String> panel = events.panelRoles(subscription.roomId);
            for (StoredEvent event : batch) {
                if (event.audience().admits(subscription.userId(), panel.getOrDefault(subscription.userId(), "AUDIENCE"))) {
                    subscription.socket.send(personalise(event, subscription.userId(), json.writeValueAsString(event.frame())));
                }
                from = event.seq();
            }
        }
    }
}
