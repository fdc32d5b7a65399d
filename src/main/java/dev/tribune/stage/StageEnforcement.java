package dev.tribune.stage;

import dev.tribune.rooms.RoomLock;
import dev.tribune.shared.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stage's removal and bans for those who act on a report (moderation): staff and club ADMINs need not be in the
 * room, so no stage role is asked for here; the caller has decided they may. Each takes effect as a HOST's would: the
 * person leaves the room, {@code participant.removed} is told, and the provider drops them.
 */
@Service
public class StageEnforcement {

    private final StageRoles roles;
    private final StageGuard guard;
    private final RoomLock lock;

    StageEnforcement(StageRoles roles, StageGuard guard, RoomLock lock) {
        this.roles = roles;
        this.guard = guard;
        this.lock = lock;
    }

    /** Out of the room (a no-op when they are no longer in it); the HOST is not removed: 409. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void remove(UUID roomId, UUID userId, UUID by) {
        lock.hold(roomId);
        roles.removeSeat(roomId, userId, targetRole(roomId, userId), by, false);
    }

    /** Banned from this room only (even a club's room), and out of it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void banFromRoom(UUID roomId, UUID userId, UUID by) {
        lock.hold(roomId);
        StageRole theirs = targetRole(roomId, userId);
        roles.ban(userId, roomId, null, by);
        roles.removeSeat(roomId, userId, theirs, by, true);
    }

    /** Banned from every room of the club, and out of this one ({@code roomId}, where it was decided, if any). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void banFromClub(UUID clubId, UUID roomId, UUID userId, UUID by) {
        if (roomId == null) {
            roles.ban(userId, null, clubId, by);
            return;
        }
        lock.hold(roomId);
        StageRole theirs = targetRole(roomId, userId);
        roles.ban(userId, roomId, clubId, by);
        roles.removeSeat(roomId, userId, theirs, by, true);
    }

    /** A ban from this room lifted (an overturned appeal); false when there was none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean liftRoomBan(UUID roomId, UUID userId) {
        return roles.liftBan(userId, roomId, null);
    }

    /** A ban from the club's rooms lifted; false when there was none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean liftClubBan(UUID clubId, UUID userId) {
        return roles.liftBan(userId, null, clubId);
    }

    /** A ban in force: {@code scope} ROOM or CLUB; {@code roomId} of a CLUB ban is where it was decided, if anywhere. */
    public record BanInForce(UUID userId, String scope, UUID roomId, UUID clubId, UUID by, Instant at, String reason) {
    }

    /** Every ban in force, or with {@code clubId} those of that club: its club bans and its rooms' bans. */
    @Transactional(readOnly = true)
    public List<BanInForce> bansInForce(UUID clubId) {
        return roles.bansInForce(clubId);
    }

    private StageRole targetRole(UUID roomId, UUID userId) {
        StageRole theirs = guard.roleOf(roomId, userId).orElse(null);
        if (theirs == StageRole.HOST) {
            throw ApiException.conflict("The HOST cannot be removed: they hand over the host role first, or the room ends.");
        }
        return theirs;
    }
}
