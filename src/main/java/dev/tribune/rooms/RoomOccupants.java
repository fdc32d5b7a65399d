package dev.tribune.rooms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What rooms asks about the people in a room, answered by the stage, which owns them (ADR 0008). A port: the stage
 * depends on rooms, so rooms cannot call the stage; the stage implements this instead. Roles are the stage's role
 * names ({@code HOST}, {@code MODERATOR}, {@code SPEAKER}, {@code AUDIENCE}).
 */
public interface RoomOccupants {

    /** Someone in the room, as their room detail shows them; {@code staff} is HOST or MODERATOR. */
    record Occupant(String role, boolean host, boolean staff, Instant handRaisedAt, boolean muted, boolean forcedMute,
            Instant invitedAt, boolean chatMuted) {
    }

    /** Someone on the panel. */
    record PanelMember(UUID userId, String role, boolean muted) {
    }

    record Hand(UUID userId, Instant raisedAt) {
    }

    record AudienceMember(UUID userId, Instant joinedAt) {
    }

    /** Them, while they are in the room. */
    Optional<Occupant> find(UUID roomId, UUID userId);

    /** Whether they have ever been in the room (left or not). */
    boolean hasBeenIn(UUID roomId, UUID userId);

    /** The panel, in the order of the hallway's preview: HOST, MODERATORs, SPEAKERs, each longest-serving first. */
    List<PanelMember> panel(UUID roomId);

    /** Raised hands, first raised first, at most {@code limit}. */
    List<Hand> raisedHands(UUID roomId, int limit);

    /** Present members of the audience who joined after {@code (joinedAt, userId)}, in that order, at most {@code limit}. */
    List<AudienceMember> audience(UUID roomId, Instant joinedAt, UUID userId, int limit);
}
