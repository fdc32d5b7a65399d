package dev.tribune.moderation;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.clubs.ClubDirectory;
import dev.tribune.clubs.ClubRole;
import dev.tribune.moderation.Report.Action;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomOccupants;
import dev.tribune.rooms.RoomStatus;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How far someone's hand reaches on a report (API.md "Reports and moderation"): a room's HOST and MODERATORs on their
 * LIVE room's reports, club ADMINs on their club's rooms', staff on all. Nobody reaches a report about themselves.
 */
@Component
class ModerationReach {

    enum Reach {
        NONE(EnumSet.noneOf(Action.class)),
        ROOM(EnumSet.of(Action.DISMISS, Action.WARN, Action.REMOVE_FROM_ROOM, Action.BAN_FROM_ROOM)),
        CLUB(EnumSet.of(Action.DISMISS, Action.WARN, Action.REMOVE_FROM_ROOM, Action.BAN_FROM_ROOM, Action.BAN_FROM_CLUB)),
        STAFF(EnumSet.allOf(Action.class));

        private final Set<Action> actions;

        Reach(Set<Action> actions) {
            this.actions = actions;
        }

        boolean allows(Action action) {
            return actions.contains(action);
        }
    }

    private final Staff staff;
    private final ClubDirectory clubs;
    private final RoomAccess rooms;
    private final RoomOccupants occupants;

    ModerationReach(Staff staff, ClubDirectory clubs, RoomAccess rooms, RoomOccupants occupants) {
        this.staff = staff;
        this.clubs = clubs;
        this.occupants = occupants;
        this.rooms = rooms;
    }

    Reach of(AuthenticatedUser caller, Report report) {
        if (caller.id().equals(report.reportedUserId())) {
            return Reach.NONE;
        }
        if (staff.isStaff(caller)) {
            return Reach.STAFF;
        }
        if (caller.guest()) {
            return Reach.NONE;
        }
        if (report.clubId() != null && clubs.roleOf(caller.id(), report.clubId()).filter(r -> r == ClubRole.ADMIN).isPresent()) {
            return Reach.CLUB;
        }
        if (report.roomId() != null && isRoomStaff(caller, report)) {
            return Reach.ROOM;
        }
        return Reach.NONE;
    }

    boolean isStaff(AuthenticatedUser caller) {
        return staff.isStaff(caller);
    }

    /** Whether the caller is only a room MODERATOR (not its HOST) in the report's room. */
    boolean isRoomModeratorOnly(AuthenticatedUser caller, Report report) {
        return report.roomId() != null && occupants.find(report.roomId(), caller.id())
                .filter(o -> o.staff() && !o.host()).isPresent();
    }

    /** Whether someone is the HOST or a MODERATOR of the report's room now. */
    boolean isRoomStaffMember(Report report, UUID userId) {
        return report.roomId() != null && occupants.find(report.roomId(), userId).filter(RoomOccupants.Occupant::staff).isPresent();
    }

    private boolean isRoomStaff(AuthenticatedUser caller, Report report) {
        return rooms.find(report.roomId()).filter(r -> r.status() == RoomStatus.LIVE).isPresent()
                && occupants.find(report.roomId(), caller.id()).filter(RoomOccupants.Occupant::staff).isPresent();
    }
}
