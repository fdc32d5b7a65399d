package dev.tribune.rooms;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.StaffRoles;
import dev.tribune.clubs.ClubDirectory;
import dev.tribune.shared.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who may see a room, the one place that decides it for every endpoint that touches a room. A room the caller may
 * not see is answered as if it did not exist (404), so existence is not leaked.
 * <ul>
 * <li>PUBLIC: everyone, guests included.</li>
 * <li>CLUB: the club's followers and members.</li>
 * <li>PRIVATE: whoever has its invite code.</li>
 * <li>Every room: platform staff (MODERATOR or ADMIN), who moderate everywhere.</li>
 * <li>Any room: someone who has been in it, unless banned from it.</li>
 * </ul>
 */
@Service
public class RoomAccess {

    private final JdbcClient jdbc;
    private final ClubDirectory clubs;
    private final RoomOccupants occupants;
    private final StaffRoles staff;

    RoomAccess(JdbcClient jdbc, ClubDirectory clubs, RoomOccupants occupants, StaffRoles staff) {
        this.jdbc = jdbc;
        this.clubs = clubs;
        this.occupants = occupants;
        this.staff = staff;
    }

    /** The room, if the caller may see it; otherwise a 404. */
    public Room requireVisible(UUID roomId, AuthenticatedUser caller, String inviteCode) {
        Room room = find(roomId).orElseThrow(RoomAccess::notFound);
        if (!canSee(room, caller, inviteCode)) {
            throw notFound();
        }
        return room;
    }

    public boolean canSee(Room room, AuthenticatedUser caller, String inviteCode) {
        if (isPlatformStaff(caller)) {
            return true;
        }
        return canSee(room, caller, inviteCode, isBanned(room, caller.id()), occupants.hasBeenIn(room.id(), caller.id()));
    }

    /**
     * The room, if the caller may see it, for a caller who read the room together with the caller's ban and whether
     * they have been in it (the stage's join reads all three in one statement); otherwise a 404. Platform staff and
     * club membership are asked only when nothing else lets the caller see it: a public room asks nothing more.
     */
    public Room requireVisible(Room room, AuthenticatedUser caller, String inviteCode, boolean banned, boolean hasBeenIn) {
        if (!canSee(room, caller, inviteCode, banned, hasBeenIn) && !isPlatformStaff(caller)) {
            throw notFound();
        }
        return room;
    }

    /** The rule of {@link #canSee(Room, AuthenticatedUser, String)} for everyone but platform staff. */
    private boolean canSee(Room room, AuthenticatedUser caller, String inviteCode, boolean banned, boolean hasBeenIn) {
        if (!banned && hasBeenIn) {
            return true;
        }
        return switch (room.visibility()) {
            case PUBLIC -> true;
            case CLUB -> !caller.guest() && clubs.followsOrBelongs(caller.id(), room.clubId());
            case PRIVATE -> !banned && inviteCode != null && room.inviteCode() != null && sameCode(inviteCode, room.inviteCode());
        };
    }

    /** Platform staff (MODERATOR or ADMIN) see and act on every room, to moderate it. */
    public boolean isPlatformStaff(AuthenticatedUser caller) {
        return !caller.guest() && staff.of(caller.id()).isPresent();
    }

    /** Banned from this room, or, for a club's room, from the club's rooms. */
    public boolean isBanned(Room room, UUID userId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM bans WHERE user_id = :user
                               AND ((scope = 'ROOM' AND room_id = :room) OR (scope = 'CLUB' AND club_id = :club)))""")
                .param("user", userId).param("room", room.id()).param("club", room.clubId())
                .query(Boolean.class).single();
    }

    /** The room, whoever asks: for modules that check access their own way (reports name rooms one was in). */
    public Optional<Room> find(UUID roomId) {
        return jdbc.sql("SELECT " + Room.COLUMNS + " FROM rooms r WHERE r.id = ?").param(roomId).query(Room::map).optional();
    }

    private static boolean sameCode(String given, String actual) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** What a room the caller may not see is answered with: as if it did not exist. */
    public static ApiException notFound() {
        return ApiException.notFound("No such room.");
    }
}
