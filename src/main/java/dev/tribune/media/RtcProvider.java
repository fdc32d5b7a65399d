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

    /** What the provider can do, so the core knows what it must do itself. */
    record Capabilities(boolean serverSideMute, boolean livePermissionChange, int maxSpeakers, int maxParticipants) {
    }

    record GrantRequest(UUID roomId, UUID userId, String displayName, boolean canPublish) {
    }
}
