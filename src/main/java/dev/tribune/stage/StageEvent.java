package dev.tribune.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tribune.events.RoomEvent;
import java.util.UUID;

/** What happens on a room's stage, as the room's log tells it (API.md, "Event types and their data"). */
public sealed interface StageEvent extends RoomEvent {

    record ParticipantJoined(UUID userId, String displayName, StageRole role) implements StageEvent {
        @Override
        public String type() {
            return "participant.joined";
        }
    }

    record ParticipantLeft(UUID userId) implements StageEvent {
        @Override
        public String type() {
            return "participant.left";
        }
    }

    record HandRaised(UUID userId, String displayName) implements StageEvent {
        @Override
        public String type() {
            return "hand.raised";
        }
    }

    record HandLowered(UUID userId, UUID by) implements StageEvent {
        @Override
        public String type() {
            return "hand.lowered";
        }
    }

    record SpeakerInvited(UUID userId, UUID by) implements StageEvent {
        @Override
        public String type() {
            return "speaker.invited";
        }
    }

    /** {@code by} is left out, not null, when nobody did it: the HOST's role passing on by itself (Presence). */
    record RoleChanged(UUID userId, StageRole role, @JsonInclude(JsonInclude.Include.NON_NULL) UUID by) implements StageEvent {
        @Override
        public String type() {
            return "role.changed";
        }
    }

    record ParticipantMuted(UUID userId, UUID by, boolean forced) implements StageEvent {
        @Override
        public String type() {
            return "participant.muted";
        }
    }

    record ParticipantUnmuted(UUID userId, UUID by) implements StageEvent {
        @Override
        public String type() {
            return "participant.unmuted";
        }
    }

    record ParticipantRemoved(UUID userId, UUID by, boolean banned) implements StageEvent {
        @Override
        public String type() {
            return "participant.removed";
        }
    }

    /**
     * A {@code media.grant} is due to {@code userId}: the log keeps only this; the frame sent carries {@code {media}},
     * a grant minted at that moment (MediaGrantFrames).
     */
    record MediaGrantDue(UUID userId) implements StageEvent {

        static final String TYPE = "media.grant";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
