package dev.tribune.stage;

import java.util.UUID;

/**
 * The HOST took a MODERATOR's role away (back to SPEAKER). Its {@code role.changed} says only SPEAKER, as an approved
 * hand does; this says it was a demotion, inside the same transaction, to the modules that keep account of
 * moderation (the audit log).
 */
public record ModeratorUnmade(UUID roomId, UUID userId, UUID by) {
}
