package dev.tribune.rooms;

import java.util.UUID;

/** A room ended: by its HOST, or by itself (never started, or unused). {@code by} is null when it ended by itself. */
public record RoomEnded(UUID roomId, String provider, UUID by) {
}
