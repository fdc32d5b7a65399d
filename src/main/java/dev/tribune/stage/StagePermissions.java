package dev.tribune.stage;

import static dev.tribune.stage.StageRole.AUDIENCE;
import static dev.tribune.stage.StageRole.HOST;
import static dev.tribune.stage.StageRole.SPEAKER;
import static dev.tribune.stage.StagePermissions.Verdict.ALLOWED;
import static dev.tribune.stage.StagePermissions.Verdict.ALLOWED_IF_INVITED;
import static dev.tribune.stage.StagePermissions.Verdict.ALLOWED_ON_SELF;
import static dev.tribune.stage.StagePermissions.Verdict.AS_ROOM_ROLE;
import static dev.tribune.stage.StagePermissions.Verdict.CONFLICT;
import static dev.tribune.stage.StagePermissions.Verdict.FORBIDDEN;
import static dev.tribune.stage.StagePermissions.Verdict.MAY_JOIN;
import static dev.tribune.stage.StagePermissions.Verdict.NOT_APPLICABLE;


/**
 * The permission matrix of {@code package-info.java} as a pure function of the action and the actor's role. It
 * reads no rows: the services look the role up (under the room's lock) and ask here. StagePermissionsTest holds
 * the function to the table, cell by cell, and the table in that test to the one in {@code package-info.java}.
 */
final class StagePermissions {

    /** One cell of the matrix, with the words it is written as. */
    enum Verdict {
        /** Allowed. */
        ALLOWED("yes"),
        /** Allowed with an invitation; 403 without one. */
        ALLOWED_IF_INVITED("yes (403 without one)"),
        /** Allowed on oneself only; on anyone else 403. */
        ALLOWED_ON_SELF("self"),
        /** Someone not in the room may join it (a room they cannot see is 404); leaving changes nothing. */
        MAY_JOIN("join (404 if hidden)"),
        /** 403 {@code /problems/forbidden}. */
        FORBIDDEN("403"),
        /** 409 {@code /problems/conflict}: the actor's place in the room rules it out, not their rank. */
        CONFLICT("409"),
        /** Does not arise for this role: nothing to do (204), or another rule answers first. */
        NOT_APPLICABLE("-"),
        /** Platform staff doing this for themself: what their role in the room (or none) allows, like anyone. */
        AS_ROOM_ROLE("as their role");

        /** The cell as the matrix writes it. */
        final String cell;

        Verdict(String cell) {
            this.cell = cell;
        }
    }

    private StagePermissions() {
    }

    /** What the matrix says about {@code actor} (their role in the room, {@code null} when not in it) doing this. */
    static Verdict decide(StageAction action, StageRole actor) {
        boolean staff = actor != null && actor.isStaff();
        return switch (action) {
            case JOIN_OR_LEAVE -> actor == null ? MAY_JOIN : ALLOWED;
            // acts on one's own place in the room: someone not in it conflicts with the room's state
            case MUTE_ONESELF -> actor == null ? CONFLICT : ALLOWED;
            case RAISE_OWN_HAND -> actor == AUDIENCE ? ALLOWED : CONFLICT;
            case LOWER_OWN_HAND, DECLINE_OWN_INVITATION -> actor == null ? CONFLICT : actor == AUDIENCE ? ALLOWED : NOT_APPLICABLE;
            case ACCEPT_OWN_INVITATION -> actor == null ? CONFLICT : actor == AUDIENCE ? ALLOWED_IF_INVITED : NOT_APPLICABLE;
            // acts on others: rank decides
            case APPROVE_OR_INVITE, DENY_HAND, FORCE_MUTE, REMOVE_SPEAKER_OR_AUDIENCE, LIST_OR_LIFT_BANS, CHAT_MUTE ->
                    staff ? ALLOWED : FORBIDDEN;
            case DEMOTE_SPEAKER -> staff ? ALLOWED : actor == SPEAKER ? ALLOWED_ON_SELF : FORBIDDEN;
            case MAKE_OR_UNMAKE_MODERATOR, HAND_OVER_HOST, REMOVE_MODERATOR -> actor == HOST ? ALLOWED : FORBIDDEN;
            // the HOST would be removing themself, which is 409 (leave instead)
            case REMOVE_HOST -> actor == HOST ? NOT_APPLICABLE : FORBIDDEN;
        };
    }

    /**
     * The "platform staff" column: staff (platform MODERATOR or ADMIN) act on others in every room, whatever their
     * place in it, so a room with no moderator of its own can still be kept safe (issue 14). What they do for
     * themselves, and handing over the HOST role (only a HOST has it to give), follows their role in the room.
     */
    static Verdict decideForStaff(StageAction action) {
        return switch (action) {
            case JOIN_OR_LEAVE, RAISE_OWN_HAND, LOWER_OWN_HAND, ACCEPT_OWN_INVITATION, DECLINE_OWN_INVITATION, MUTE_ONESELF,
                 HAND_OVER_HOST -> AS_ROOM_ROLE;
            case APPROVE_OR_INVITE, DENY_HAND, DEMOTE_SPEAKER, MAKE_OR_UNMAKE_MODERATOR, FORCE_MUTE, REMOVE_SPEAKER_OR_AUDIENCE,
                 REMOVE_MODERATOR, REMOVE_HOST, LIST_OR_LIFT_BANS, CHAT_MUTE -> ALLOWED;
        };
    }

    /** What the matrix says about an actor with this room role who is, or is not, platform staff. */
    static Verdict decide(StageAction action, StageRole actor, boolean platformStaff) {
        Verdict asStaff = platformStaff ? decideForStaff(action) : AS_ROOM_ROLE;
        return asStaff == AS_ROOM_ROLE ? decide(action, actor) : asStaff;
    }

    /** Whether the matrix says plainly "yes" (no condition, not only on oneself). */
    static boolean allows(StageAction action, StageRole actor) {
        return decide(action, actor) == ALLOWED;
    }

    /** Whether the matrix says plainly "yes" to this actor, counting the platform staff column when they are staff. */
    static boolean allows(StageAction action, StageRole actor, boolean platformStaff) {
        return decide(action, actor, platformStaff) == ALLOWED;
    }
}
