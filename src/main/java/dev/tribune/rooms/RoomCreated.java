package dev.tribune.rooms;

import java.time.Instant;
import java.util.UUID;

/**
 * A room was created, by {@code host}, at {@code at}. Published inside the transaction that inserted the room, so the
 * stage seats its HOST synchronously in that same transaction (the room never exists without its HOST).
 */
public record RoomCreated(UUID roomId, UUID host, Instant at) {
}
