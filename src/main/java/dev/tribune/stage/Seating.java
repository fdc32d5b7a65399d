package dev.tribune.stage;

import dev.tribune.rooms.RoomCreated;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seats people on a room's panel without their joining: the HOST of a room just created, and the demo panels. They
 * are not present until they join.
 */
@Component
public class Seating {

    private final Seats seats;

    Seating(Seats seats) {
        this.seats = seats;
    }

    /** A seat on the panel: who, and as what. */
    public record PanelSeat(UUID userId, StageRole role) {
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

    /** Seats a room's panel, in order, all since {@code since}; the room has nobody on its stage yet. */
    public void seatPanel(UUID roomId, List<PanelSeat> panel, Instant since) {
        panel.forEach(seat -> seats.seat(roomId, seat.userId(), seat.role(), since));
        seats.refreshPanel(roomId);
    }
}
