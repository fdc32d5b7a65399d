package dev.tribune.rooms;

import java.util.UUID;

/**
 * A room became LIVE (created live, or started): the moment its provider room should exist. Published inside the
 * transaction that made it LIVE, so a synchronous listener (media's provider outbox) commits or rolls back with it.
 */
public record RoomWentLive(UUID roomId, String provider) {
}
