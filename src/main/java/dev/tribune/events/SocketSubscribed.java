package dev.tribune.events;

import java.util.UUID;

/** A participant's socket subscribed to their room through this instance: they are present. */
public record SocketSubscribed(UUID roomId, UUID userId, UUID instanceId) {
}
