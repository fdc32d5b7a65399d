package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.StaffRoles;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomLock;
import dev.tribune.rooms.RoomProblems;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.shared.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The checks every stage change starts with: the room is visible and live (and now locked), who is who in it. */
@Component
class StageGuard {

    private final Seats seats;
    private final RoomAccess access;
    private final RoomLock lock;
    private final StaffRoles staff;

    StageGuard(Seats seats, RoomAccess access, RoomLock lock, StaffRoles staff) {
        this.seats = seats;
        this.access = access;
        this.lock = lock;
        this.staff = staff;
    }

    /** The room, visible to the caller, LIVE, and held for the rest of the transaction. */
    Room live(AuthenticatedUser caller, UUID roomId) {
        Room room = access.requireVisible(roomId, caller, null);
        lock.hold(roomId);
        if (room.status() != RoomStatus.LIVE) {
            throw room.status() == RoomStatus.ENDED ? new ApiException(RoomProblems.ROOM_ENDED, "This room has ended.")
                    : new ApiException(StageProblems.NOT_LIVE, "This room has not started yet.");
        }
        return room;
    }

    Optional<StageRole> roleOf(UUID roomId, UUID userId) {
        return seats.roleOf(roomId, userId);
    }

    StageRole requireIn(UUID roomId, UUID userId) {
        return roleOf(roomId, userId).orElseThrow(() -> ApiException.conflict("That person is not in this room."));
    }

    /**
     * The role of the person a HOST or MODERATOR acts on (approve, invite, deny, demote, promote, hand over, mute,
     * remove): 404 when they have never been in the room (as for an unknown id: nothing there to act on), 409 when
     * they were and have left (a state conflict, API.md "Conventions").
     */
    StageRole requireTarget(UUID roomId, UUID userId) {
        return roleOf(roomId, userId).orElseThrow(() -> hasBeenIn(roomId, userId)
                ? ApiException.conflict("That person has left this room.")
                : ApiException.notFound("That person is not in this room."));
    }

    boolean hasBeenIn(UUID roomId, UUID userId) {
        return seats.hasBeenIn(roomId, userId);
    }

    /**
     * The caller's role, when the permission matrix ({@link StagePermissions}) lets it do this to someone else;
     * otherwise 403.
     */
    StageRole permit(StageAction action, UUID roomId, UUID userId) {
        StageRole role = roleOf(roomId, userId).orElse(null);
        if (!allows(action, role, userId)) {
            throw ApiException.forbidden(StagePermissions.allows(action, StageRole.MODERATOR)
                    ? "Only the room's HOST and MODERATORs can do this." : "Only the room's HOST can do this.");
        }
        return role;
    }

    /** Whether the matrix lets this person, with this role in the room, do this (platform staff counted as such). */
    boolean allows(StageAction action, StageRole role, UUID userId) {
        return StagePermissions.allows(action, role)
                || StagePermissions.allows(action, role, staff.of(userId).isPresent());
    }
}
