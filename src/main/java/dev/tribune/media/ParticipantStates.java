package dev.tribune.media;

import dev.tribune.media.RtcProvider.ParticipantState;
import java.util.UUID;

/**
 * A participant's media state as the database has it at this moment: what the reconciler brings a provider to, and
 * what a relay in front of a media server (Janus) checks each request against. A port: the stage, which owns
 * participants and decides who may publish, implements it (media cannot depend on the stage, which depends on media).
 */
public interface ParticipantStates {

    /** Present, may publish, force-muted; all false when not (or no longer) in the room. */
    ParticipantState current(UUID roomId, UUID userId);
}
