package dev.tribune.stage;

import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.rooms.RoomProviderMoved;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A room that moved to another provider: everyone in it gets a {@code media.grant}, minted for the new provider and
 * their role when sent (MediaGrantFrames), so their client switches without leaving the room. Roles, hands and mutes
 * are the stage's and stay as they were. Synchronous, in the move's transaction: the grants and the move commit
 * together.
 */
@Component
class ProviderMoveGrants {

    private final Seats seats;
    private final RoomEvents events;

    ProviderMoveGrants(Seats seats, RoomEvents events) {
        this.seats = seats;
        this.events = events;
    }

    @EventListener
    void on(RoomProviderMoved moved) {
        List<RoomEvents.Appended> grants = seats.everyoneIn(moved.roomId()).stream()
                .map(userId -> new RoomEvents.Appended(new StageEvent.MediaGrantDue(userId), EventAudience.only(userId)))
                .toList();
        events.appendAll(moved.roomId(), grants);
    }
}
