package dev.tribune.events;

import java.util.Optional;
import java.util.UUID;

/**
 * Frames whose content is made for their one recipient when they are sent, not stored in the log: a
 * {@code media.grant} carries a token that must be fresh and must never sit in the database. The stage implements it.
 */
public interface PersonalFrames {

    /** Whether events of this type get frames made per recipient ({@link #dataFor}); others are shared by all. */
    boolean makesOwnFrames(String type);

    /** The {@code data} to send {@code userId} for a stored event of this type, or empty to send what was stored. */
    Optional<Object> dataFor(String type, UUID roomId, UUID userId);
}
