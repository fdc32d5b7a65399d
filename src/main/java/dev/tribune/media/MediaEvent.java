package dev.tribune.media;

import dev.tribune.events.RoomEvent;
import java.util.UUID;

/**
 * What the provider outbox tells the one participant whose change it carries (not in API.md's list: a notice of
 * this implementation, see ProviderReconciler).
 */
public sealed interface MediaEvent extends RoomEvent {

    /** Their change has not reached the media server yet; the outbox tries again in {@code retryInSeconds}. */
    record SyncPending(UUID userId, long retryInSeconds) implements MediaEvent {
        @Override
        public String type() {
            return "media.pending";
        }
    }

    /** A change that had been pending has now reached the media server. */
    record Synced(UUID userId) implements MediaEvent {
        @Override
        public String type() {
            return "media.synced";
        }
    }
}
