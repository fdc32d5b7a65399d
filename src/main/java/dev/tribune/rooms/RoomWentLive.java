package dev.tribune.rooms;

import java.util.UUID;

/** A room became LIVE (created live, or started): the moment its provider room should exist. */
public record RoomWentLive(UUID roomId, String provider) {
}
