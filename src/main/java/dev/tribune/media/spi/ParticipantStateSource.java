package dev.tribune.media.spi;

import dev.tribune.media.spi.RtcProvider.ParticipantState;
import java.util.UUID;

/**
 * A participant's media state as the core has it at this moment, for an adapter that relays its media server's API
 * (Janus) and must check each request against it.
 */
public interface ParticipantStateSource {

    /** Present, may publish, force-muted; all false when not (or no longer) in the room. */
    ParticipantState current(UUID roomId, UUID userId);
}
