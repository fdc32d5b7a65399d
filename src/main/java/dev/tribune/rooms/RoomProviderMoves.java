package dev.tribune.rooms;

import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rooms' side of a provider failover: the one writer of {@code rooms.provider} after creation. The media module
 * decides that a room must move and where; the move itself is a conditional update, so when several instances see the
 * same outage at once the room moves once, and a room that ended meanwhile does not move at all.
 */
@Service
public class RoomProviderMoves {

    private final JdbcClient jdbc;
    private final RoomEvents roomEvents;
    private final ApplicationEventPublisher events;

    RoomProviderMoves(JdbcClient jdbc, RoomEvents roomEvents, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.roomEvents = roomEvents;
        this.events = events;
    }

    /** Moves a LIVE room from {@code from} to {@code to}; false (and nothing written) if it is not LIVE on {@code from}. */
    @Transactional
    public boolean move(UUID roomId, String from, String to) {
        boolean moved = jdbc.sql("UPDATE rooms SET provider = ? WHERE id = ? AND provider = ? AND status = 'LIVE'")
                .params(to, roomId, from).update() == 1;
        if (moved) {
            roomEvents.append(roomId, new RoomChange.ProviderChanged(from, to), EventAudience.everyone());
            events.publishEvent(new RoomProviderMoved(roomId, from, to));
        }
        return moved;
    }
}
