package dev.tribune.rooms;

import dev.tribune.events.RoomEvent;
import java.util.UUID;

/**
 * What happens to a room as a whole, as the room's log tells it (API.md, "Event types and their data"). Not to be
 * confused with {@link RoomWentLive} and {@link RoomEnded}: those go to the modules that follow rooms, these to clients.
 */
public sealed interface RoomChange extends RoomEvent {

    record Updated(String name, String description, Settings settings) implements RoomChange {

        public record Settings(ChatMode chat, int slowModeSeconds) {
        }

        @Override
        public String type() {
            return "room.updated";
        }
    }

    record CountsChanged(int participantCount, int speakerCount) implements RoomChange {
        @Override
        public String type() {
            return "room.counts";
        }
    }

    /** {@code by} is null (and sent as null) when the room ended by itself. */
    record Ended(UUID by) implements RoomChange {
        @Override
        public String type() {
            return "room.ended";
        }
    }
}
