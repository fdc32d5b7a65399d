package dev.tribune.events;

import java.util.UUID;

/** A participant's socket left their room (unsubscribed, closed, or dropped); the grace period starts now. */
public record SocketUnsubscribed(UUID roomId, UUID userId, UUID instanceId) {
}
