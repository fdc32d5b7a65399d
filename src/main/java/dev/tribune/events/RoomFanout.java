package dev.tribune.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This instance's subscribers, by room. When a room's bell rings (or the poll comes round), one pump per room
 * reads the log after the last seq this instance pushed, serialises each event once, and hands the frame to every
 * subscriber allowed to see it, judged by their role now. Events every subscriber may see are handed over without
 * a look at anyone's role; the panel's roles are read once per batch, and only for a batch that needs them.
 * A large room's subscribers are split into slices handed over in parallel (each slice takes the whole batch in
 * order, so each subscriber still sees the events in order), since writing to thousands of sockets is most of the
 * work and one thread would use one core of several.
 */
@Component
class RoomFanout implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RoomFanout.class);
    private static final int BATCH = 500;
    /** Below this many subscribers one thread hands a batch over: a slice's start costs more than it saves. */
    private static final int SLICE = 2_000;

    private final EventLog events;
    private final JsonMapper json;
    private final List<PersonalFrames> personal;
    private final DeliveryMetrics metrics;
    private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();
    private final ExecutorService pumps = Executors.newVirtualThreadPerTaskExecutor();
    private final int slices = Math.max(1, Runtime.getRuntime().availableProcessors());
    /**
     * Platform threads, not virtual ones: handing a batch to thousands of sockets is a long stretch of work that never
     * blocks, and a virtual thread is only taken off its carrier when it blocks. Slices on virtual threads held every
     * carrier for seconds at 20 events a second to 10,000 listeners, so requests (on virtual threads too) that held a
     * pooled connection could not run to give it back: the host's chat timed out waiting for the pool. The operating
     * system shares the cores between these threads and the carriers.
     */
    private final ExecutorService sliceThreads = Executors.newFixedThreadPool(slices,
            Thread.ofPlatform().daemon().name("fanout-slice-", 0).factory());

    private static final class Channel {
        final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
        final ReentrantLock lock = new ReentrantLock();
        final AtomicBoolean dirty = new AtomicBoolean();
        volatile long lastPushed;
    }

    /** An event ready to hand over: its frame, serialised once for everyone, and whether anyone gets their own. */
    private record Outgoing(StoredEvent event, String frame, boolean personal) {
    }

    RoomFanout(EventLog events, JsonMapper json, RoomEventBus bus, List<PersonalFrames> personal, DeliveryMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
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
        boolean added = false;
        while (!added) {
            // the room's first subscriber here starts its channel at the log's end, read before, not inside compute():
            // no database call while holding the map's lock, and none at all for every later subscriber
            long current = channels.containsKey(subscription.roomId) ? -1 : events.currentSeq(subscription.roomId);
            boolean[] done = {false};
            channels.compute(subscription.roomId, (roomId, channel) -> {
                if (channel == null && current < 0) {
                    // its last subscriber left meanwhile: read the log's end and come round again
                    return null;
                }
                Channel c = channel;
                if (c == null) {
                    c = new Channel();
                    c.lastPushed = current;
                }
                c.subscribers.add(subscription);
                done[0] = true;
                return c;
            });
            added = done[0];
        }
    }

    @Override
    public void destroy() {
        sliceThreads.shutdownNow();
        pumps.shutdownNow();
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
        boolean rolesMatter = batch.stream().anyMatch(event -> event.audience().dependsOnRole());
        Map<UUID, String> panel = rolesMatter ? events.panelRoles(roomId) : Map.of();
        List<Outgoing> outgoing = batch.stream()
                .map(event -> new Outgoing(event, json.writeValueAsString(event.frame()), isPersonal(event.type())))
                .toList();
        List<Subscription> subscribers = List.copyOf(channel.subscribers);
        if (subscribers.size() <= SLICE || slices == 1) {
            handOver(outgoing, subscribers, panel);
        } else {
            int size = (subscribers.size() + slices - 1) / slices;
            List<Future<?>> handed = new ArrayList<>();
            for (int from = 0; from < subscribers.size(); from += size) {
                List<Subscription> slice = subscribers.subList(from, Math.min(subscribers.size(), from + size));
                handed.add(sliceThreads.submit(() -> handOver(outgoing, slice, panel)));
            }
            for (Future<?> slice : handed) {
                try {
                    slice.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    log.warn("Could not hand over events of room {}: {}", roomId, e.getCause().toString());
                }
            }
        }
        for (StoredEvent event : batch) {
            metrics.handedOver(event.at());
        }
        channel.lastPushed = batch.getLast().seq();
        return batch.size();
    }

    private void handOver(List<Outgoing> outgoing, List<Subscription> subscribers, Map<UUID, String> panel) {
        int handed = 0;
        for (Subscription subscriber : subscribers) {
            UUID userId = subscriber.userId();
            for (Outgoing out : outgoing) {
                StoredEvent event = out.event();
                if (event.audience().admits(userId, panel.getOrDefault(userId, "AUDIENCE"))) {
                    subscriber.deliver(event.seq(), out.personal() ? personalise(event, userId, out.frame()) : out.frame());
                    handed++;
                } else {
                    subscriber.passed(event.seq());
                }
            }
        }
        metrics.delivered(handed);
    }

    private boolean isPersonal(String type) {
        return personal.stream().anyMatch(frames -> frames.makesOwnFrames(type));
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

    /**
     * What {@link #push} does for one subscriber's replay: the same frames, the same visibility, judged by
     * {@code role}, the subscriber's role now (read with the subscription's other facts).
     */
    void replay(Subscription subscription, long afterSeq, long upToSeq, String role) {
        long from = afterSeq;
        while (from < upToSeq) {
            List<StoredEvent> batch = events.afterFor(subscription.roomId, from, upToSeq, BATCH, subscription.userId(), role);
            if (batch.isEmpty()) {
                return;
            }
            for (StoredEvent event : batch) {
                if (event.audience().admits(subscription.userId(), role)) {
                    String frame = json.writeValueAsString(event.frame());
                    subscription.socket.send(isPersonal(event.type()) ? personalise(event, subscription.userId(), frame) : frame);
                    metrics.delivered(1);
                }
                from = event.seq();
            }
        }
    }
}
