package dev.tribune.rooms;

import java.util.UUID;

/**
 * A room ended: by its HOST, or by itself (never started, unused, or left with no HOST or MODERATOR). {@code by} is
 * null when it ended by itself. Published once per room, inside the transaction that ended it, so a synchronous
 * listener (media's provider outbox) commits or rolls back with the end.
 */
public record RoomEnded(UUID roomId, String provider, UUID by) {
}
