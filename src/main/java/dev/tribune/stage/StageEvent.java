package dev.tribune.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tribune.events.RoomEvent;
import dev.tribune.events.WireName;
import java.util.UUID;

/** What happens on a room's stage, as the room's log tells it (API.md, "Event types and their data"). */
public sealed interface StageEvent extends RoomEvent {

    @WireName("participant.joined")
    record ParticipantJoined(UUID userId, String displayName, StageRole role) implements StageEvent {
    }

    @WireName("participant.left")
    record ParticipantLeft(UUID userId) implements StageEvent {
    }

    @WireName("hand.raised")
    record HandRaised(UUID userId, String displayName) implements StageEvent {
    }

    @WireName("hand.lowered")
    record HandLowered(UUID userId, UUID by) implements StageEvent {
    }

    @WireName("speaker.invited")
    record SpeakerInvited(UUID userId, UUID by) implements StageEvent {
    }

    /** {@code by} is left out, not null, when nobody did it: the HOST's role passing on by itself (Presence). */
    @WireName("role.changed")
    record RoleChanged(UUID userId, StageRole role, @JsonInclude(JsonInclude.Include.NON_NULL) UUID by) implements StageEvent {
    }

    @WireName("participant.muted")
    record ParticipantMuted(UUID userId, UUID by, boolean forced) implements StageEvent {
    }

    @WireName("participant.unmuted")
    record ParticipantUnmuted(UUID userId, UUID by) implements StageEvent {
    }

    @WireName("participant.removed")
    record ParticipantRemoved(UUID userId, UUID by, boolean banned) implements StageEvent {
    }

    /**
     * A {@code media.grant} is due to {@code userId}: the log keeps only this; the frame sent carries {@code {media}},
     * a grant minted at that moment (MediaGrantFrames).
     */
    @WireName(MediaGrantDue.TYPE)
    record MediaGrantDue(UUID userId) implements StageEvent {
        static final String TYPE = "media.grant";
    }
}
