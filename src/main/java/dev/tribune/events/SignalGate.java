package dev.tribune.events;

import java.util.Optional;

/**
 * Whether a signal may be relayed: the stage decides (who is in the room, in which role, sending which audio
 * direction). The stage implements it; the events module only carries what it lets through.
 */
public interface SignalGate {

    /** Empty to relay it, or why it is refused (sent back to the sender in an {@code error} frame). */
    Optional<String> refusal(Signal signal);
}
