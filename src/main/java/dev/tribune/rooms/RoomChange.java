package dev.tribune.rooms;

import dev.tribune.events.RoomEvent;
import dev.tribune.events.WireName;
import java.util.UUID;

/**
 * What happens to a room as a whole, as the room's log tells it (API.md, "Event types and their data"). Not to be
 * confused with {@link RoomWentLive} and {@link RoomEnded}: those go to the modules that follow rooms, these to clients.
 */
public sealed interface RoomChange extends RoomEvent {

    @WireName("room.updated")
    record Updated(String name, String description, Settings settings) implements RoomChange {
        public record Settings(ChatMode chat, int slowModeSeconds) {
        }
    }

    @WireName("room.counts")
    record CountsChanged(int participantCount, int speakerCount) implements RoomChange {
    }

    /**
     * The room's audio moved to another provider because its own could not be reached: clients follow the
     * {@code media.grant} each of them gets next (for {@code to}) without leaving the room.
     */
    @WireName("room.provider_changed")
    record ProviderChanged(String from, String to) implements RoomChange {
    }

    /** {@code by} is null (and sent as null) when the room ended by itself. */
    @WireName("room.ended")
    record Ended(UUID by) implements RoomChange {
    }
}
