package dev.tribune.media;

import java.util.UUID;

/**
 * The port every RTC provider adapter implements (DESIGN.md decision 5). The core speaks only to this; vendor SDK
 * types never leave their adapter.
 */
public interface RtcProvider {

    /** The name rooms and configuration use: mesh, janus, twilio, hms, livekit. */
    String name();

    Capabilities capabilities();

    /** A join grant for one participant: publishing only when {@code canPublish}; valid at most 10 minutes. */
    MediaGrant grant(GrantRequest request);

    /**
     * Brings the provider to a participant's current state: publishing allowed or not, force-muted or not, or gone
     * (removed, banned, left). Called by the outbox worker, never inside a room's transaction; must be idempotent.
     */
    default void reconcile(UUID roomId, UUID userId, ParticipantState state) {
    }

    /** Brings the provider to a room's state: ended rooms are closed at the provider. Idempotent. */
    default void reconcileRoom(UUID roomId, boolean ended) {
    }

    record ParticipantState(boolean present, boolean canPublish, boolean forcedMute) {
    }

    /** What the provider can do, so the core knows what it must do itself. */
    record Capabilities(boolean serverSideMute, boolean livePermissionChange, int maxSpeakers, int maxParticipants) {
    }

    record GrantRequest(UUID roomId, UUID userId, String displayName, boolean canPublish) {
    }
}
