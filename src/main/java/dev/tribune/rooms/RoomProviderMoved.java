package dev.tribune.rooms;

import java.util.UUID;

/**
 * A LIVE room now runs on another provider (its own was down past {@code tribune.rtc.failover-after}). Published inside
 * the transaction that moved it, so a synchronous listener (stage's new grants for everyone present) commits or rolls
 * back with the move.
 */
public record RoomProviderMoved(UUID roomId, String from, String to) {
}
