package dev.tribune.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * The caller, as proven by an access token or WebSocket ticket: the principal every module reads with
 * {@code @AuthenticationPrincipal}.
 *
 * @param expiresAt when the credential that proved it stops being valid
 */
public record AuthenticatedUser(UUID id, boolean guest, Instant expiresAt) {
}
