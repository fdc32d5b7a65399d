package dev.tribune.media;

import dev.tribune.events.RoomEvent;
import dev.tribune.events.WireName;
import java.util.UUID;

/**
 * What the provider outbox tells the one participant whose change it carries (not in API.md's list: a notice of
 * this implementation, see ProviderReconciler).
 */
public sealed interface MediaEvent extends RoomEvent {

    /** Their change has not reached the media server yet; the outbox tries again in {@code retryInSeconds}. */
    @WireName("media.pending")
    record SyncPending(UUID userId, long retryInSeconds) implements MediaEvent {
    }

    /** A change that had been pending has now reached the media server. */
    @WireName("media.synced")
    record Synced(UUID userId) implements MediaEvent {
    }
}
