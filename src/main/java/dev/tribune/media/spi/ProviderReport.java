package dev.tribune.media.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * What a vendor told us about a Tribune room, translated by its adapter. {@code at} is the vendor's own time of
 * the event: vendors retry and reorder callbacks, so the core applies a report only if it is newer than the last
 * one it applied for the same participant or room.
 */
public sealed interface ProviderReport {

    UUID roomId();

    Instant at();

    /** The participant's media connection is up (first time, or again after a drop). */
    record ParticipantConnected(UUID roomId, UUID userId, Instant at) implements ProviderReport {
    }

    record ParticipantDisconnected(UUID roomId, UUID userId, Instant at) implements ProviderReport {
    }

    /** The participant published a track; {@code kind} is audio, video or data. */
    record TrackPublished(UUID roomId, UUID userId, String kind, Instant at) implements ProviderReport {
    }

    /** The vendor closed its room (on our request, or by itself: Twilio ends rooms left empty). */
    record RoomClosed(UUID roomId, Instant at) implements ProviderReport {
    }
}
