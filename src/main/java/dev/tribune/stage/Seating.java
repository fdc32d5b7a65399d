package dev.tribune.stage;

import dev.tribune.rooms.RoomCreated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seats the HOST of a room just created on its panel without their joining: they are not present until they join.
 */
@Component
class Seating {

    private final Seats seats;

    Seating(Seats seats) {
        this.seats = seats;
    }

    /**
     * A synchronous listener on purpose: it runs in the transaction that created the room, so the room never exists
     * without its HOST (rolled back together, committed together).
     */
    @EventListener
    void on(RoomCreated created) {
        seats.seat(created.roomId(), created.host(), StageRole.HOST, created.at());
        seats.refreshPanel(created.roomId());
    }
}
