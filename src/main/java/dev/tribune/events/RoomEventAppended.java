package dev.tribune.events;

import java.util.UUID;

/**
 * A room event was written to the log, told in the transaction that wrote it: for modules that keep their own record
 * of what happens in rooms (moderation's audit log) without the owners of those events depending on them.
 */
public record RoomEventAppended(UUID roomId, long seq, RoomEvent event) {
}
