package dev.tribune.media;

import dev.tribune.rooms.RoomEnded;
import dev.tribune.rooms.RoomWentLive;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The provider follows the room's life: a room that went LIVE needs its vendor room, one that ended needs it closed.
 * A plain synchronous listener on purpose, not an after-commit one: the outbox row must commit (or roll back) with the
 * change that caused it (DESIGN.md decisions 3 and 5), and {@link ProviderOutbox} refuses to run outside a transaction.
 */
@Component
class RoomLifecycleListener {

    private final ProviderOutbox outbox;

    RoomLifecycleListener(ProviderOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(RoomWentLive event) {
        outbox.roomChanged(event.roomId());
    }

    @EventListener
    void on(RoomEnded event) {
        outbox.roomChanged(event.roomId());
    }
}
