package dev.tribune.events;

import java.sql.Timestamp;
import java.time.Clock;
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
}
