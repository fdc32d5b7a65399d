package dev.tribune.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events module's API: append an event to a room's log in the transaction of the change it reports.
 */
@Service
public class RoomEvents {

    private final JdbcClient jdbc;
    private final RoomEventBus bus;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    RoomEvents(JdbcClient jdbc, RoomEventBus bus, JsonMapper json, Clock clock, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.bus = bus;
        this.json = json;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** One event of a batch for {@link #appendAll}, with who may see it. */
    public record Appended(RoomEvent event, EventAudience audience) {
    }

    /**
     * Appends an event and returns its {@code seq}. Call it as late as possible in the transaction: the room's
     * counter row stays locked until commit, which is what makes commit order equal {@code seq} order with no gaps.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(UUID roomId, RoomEvent event, EventAudience audience) {
        long seq = jdbc.sql("UPDATE rooms SET event_seq = event_seq + 1 WHERE id = ? RETURNING event_seq")
                .param(roomId).query(Long.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no room " + roomId));
        jdbc.sql("""
                INSERT INTO room_events (room_id, seq, type, payload, audience, audience_user_ids, audience_role, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
                .params(roomId, seq, event.type(), json.writeValueAsString(event), audience.kind().name(),
                        audience.users().toArray(UUID[]::new), audience.role(), Timestamp.from(clock.instant()))
                .update();
        bus.ring(roomId);
        publisher.publishEvent(new RoomEventAppended(roomId, seq, event));
        return seq;
    }

    /**
     * Appends several events of one room at once, in this order, and returns their {@code seq}s: what {@link #append}
     * does for each, in three statements whatever their number (the sequence taken once, one insert, one ring), for
     * a writer that gathers many changes of a room into one transaction (the stage's arrivals). The same rule holds:
     * call it as late as possible in the transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> appendAll(UUID roomId, List<Appended> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        long last = jdbc.sql("UPDATE rooms SET event_seq = event_seq + ? WHERE id = ? RETURNING event_seq")
                .params(batch.size(), roomId).query(Long.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no room " + roomId));
        long first = last - batch.size() + 1;
        Timestamp now = Timestamp.from(clock.instant());
        StringBuilder sql = new StringBuilder(
                "INSERT INTO room_events (room_id, seq, type, payload, audience, audience_user_ids, audience_role, created_at) VALUES ");
        List<Object> params = new ArrayList<>(batch.size() * 8);
        List<Long> seqs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Appended appended = batch.get(i);
            long seq = first + i;
            seqs.add(seq);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?::jsonb, ?, ?, ?, ?)");
            params.addAll(List.of(roomId, seq, appended.event().type(), json.writeValueAsString(appended.event()),
                    appended.audience().kind().name(), appended.audience().users().toArray(UUID[]::new)));
            params.add(appended.audience().role());
            params.add(now);
        }
        jdbc.sql(sql.toString()).params(params).update();
        bus.ring(roomId);
        for (int i = 0; i < batch.size(); i++) {
            publisher.publishEvent(new RoomEventAppended(roomId, seqs.get(i), batch.get(i).event()));
        }
        return seqs;
    }
}
