package dev.tribune.rooms;

/**
 * The one question rooms asks about media: which RTC provider a new room goes on. Rooms owns this port and the media
 * module answers it, so the dependency runs from media to rooms only (media also follows {@link RoomWentLive} and
 * {@link RoomEnded}); a call the other way would make the two modules a cycle.
 */
public interface ProviderChoice {

    /** The provider a new room asked for, or the default; a 400 naming the {@code provider} field when it is not active. */
    String choose(String requested);
}
