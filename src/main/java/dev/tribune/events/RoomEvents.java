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
        // the seq taken and the rows written in one statement: each row's seq counts back from the room's new seq
        StringBuilder rows = new StringBuilder();
        List<Object> params = new ArrayList<>(batch.size() * 7 + 2);
        params.add(batch.size());
        params.add(roomId);
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < batch.size(); i++) {
            Appended appended = batch.get(i);
            rows.append(i == 0 ? "" : ", ").append("(?::int, ?::text, ?::jsonb, ?::text, ?::uuid[], ?::text, ?::timestamptz)");
            params.addAll(List.of(batch.size() - 1 - i, appended.event().type(), json.writeValueAsString(appended.event()),
                    appended.audience().kind().name(), appended.audience().users().toArray(UUID[]::new)));
            params.add(appended.audience().role());
            params.add(now);
        }
        List<Long> seqs = jdbc.sql("""
                WITH taken AS (UPDATE rooms SET event_seq = event_seq + ? WHERE id = ? RETURNING id, event_seq)
                INSERT INTO room_events (room_id, seq, type, payload, audience, audience_user_ids, audience_role, created_at)
                SELECT taken.id, taken.event_seq - e.back, e.type, e.payload, e.audience, e.users, e.role, e.at
                FROM taken CROSS JOIN (VALUES %s) AS e(back, type, payload, audience, users, role, at)
                RETURNING seq""".formatted(rows))
                .params(params).query(Long.class).list().stream().sorted().toList();
        if (seqs.isEmpty()) {
            throw new IllegalArgumentException("no room " + roomId);
        }
        bus.ring(roomId);
        for (int i = 0; i < batch.size(); i++) {
            publisher.publishEvent(new RoomEventAppended(roomId, seqs.get(i), batch.get(i).event()));
        }
        return seqs;
    }
}
