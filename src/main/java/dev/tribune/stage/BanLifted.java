package dev.tribune.stage;

import java.util.UUID;

/**
 * A HOST or MODERATOR lifted a ban from the room (or, in a club's room, the club's ban). Clients are told nothing of
 * an unban, so there is no room event; this goes, inside the unban's transaction, to the modules that keep account of
 * moderation (the audit log), which the stage does not know.
 */
public record BanLifted(UUID roomId, UUID userId, UUID by) {
}
