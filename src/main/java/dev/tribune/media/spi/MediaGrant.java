package dev.tribune.media.spi;

import java.time.Instant;

/**
 * API.md's {@code media}: how the web client connects, whatever the provider. {@code token} is null where the
 * provider needs none (mesh: the authenticated {@code /ws} socket is the credential).
 */
public record MediaGrant(String provider, String token, Instant expiresAt, boolean canPublish, MediaConnection connection) {
}
