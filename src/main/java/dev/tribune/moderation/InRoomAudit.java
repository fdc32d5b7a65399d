package dev.tribune.moderation;

import dev.tribune.accounts.StaffRoles;
import dev.tribune.chat.ChatEvent;
import dev.tribune.events.RoomEventAppended;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomChange;
import dev.tribune.stage.BanLifted;
import dev.tribune.stage.ModeratorUnmade;
import dev.tribune.stage.StageEvent;
import dev.tribune.stage.StageRole;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Audits the in-room acts of HOSTs and MODERATORs (API.md: forced mute and its lifting, removal, ban and unban, chat
 * deletion by someone else, chat mute, demotion, ending the room) from the stage's, chat's and rooms' own events, in
 * the transaction that did them: so there is no act without its entry, and those modules know nothing of moderation.
 * "By staff" is by the room's HOST or a MODERATOR, or by platform staff, who act in every room: their entries say so
 * in the note ("as platform MODERATOR"), so a reader of the log tells them from the room's own moderators.
 */
@Component
class InRoomAudit {

    /** Bound while a report's resolution acts through the stage: its own entry already records the act. */
    static final Object RESOLVING = new Object();

    private final AuditLog audit;
    private final Reports reports;
    private final RoomAccess rooms;
    private final StaffRoles staff;

    InRoomAudit(AuditLog audit, Reports reports, RoomAccess rooms, StaffRoles staff) {
        this.audit = audit;
        this.reports = reports;
        this.rooms = rooms;
        this.staff = staff;
    }

    @EventListener
    void on(RoomEventAppended appended) {
        if (TransactionSynchronizationManager.hasResource(RESOLVING)) {
            return;
        }
        switch (appended.event()) {
            // by someone else: a forced mute, or (forced false) its lifting, which leaves the person muted
            case StageEvent.ParticipantMuted muted when !muted.by().equals(muted.userId()) ->
                    record(appended.roomId(), muted.by(), muted.forced() ? "FORCED_MUTE" : "FORCED_MUTE_LIFTED", muted.userId());
            case StageEvent.ParticipantRemoved removed when removed.by() != null ->
                    record(appended.roomId(), removed.by(), removed.banned() ? "ROOM_BAN" : "ROOM_REMOVAL", removed.userId());
            // a SPEAKER sent back to the audience by someone else (a MODERATOR's demotion comes as ModeratorUnmade)
            case StageEvent.RoleChanged changed when changed.role() == StageRole.AUDIENCE && changed.by() != null
                    && !changed.by().equals(changed.userId()) ->
                    record(appended.roomId(), changed.by(), "DEMOTION", changed.userId());
            // by null: it ended by itself
            case RoomChange.Ended ended when ended.by() != null -> record(appended.roomId(), ended.by(), "ROOM_ENDED", null);
            case ChatEvent.ChatMuted chatMuted ->
                    record(appended.roomId(), chatMuted.by(), chatMuted.muted() ? "CHAT_MUTE" : "CHAT_UNMUTE", chatMuted.userId());
            case ChatEvent.MessageDeleted deleted -> reports.messagePlace(deleted.id())
                    .filter(message -> !message.senderId().equals(deleted.by()))
                    .ifPresent(message -> record(appended.roomId(), deleted.by(), "CHAT_DELETE", message.senderId()));
            default -> {
                // not a moderation act
            }
        }
    }

    @EventListener
    void on(BanLifted lifted) {
        if (!TransactionSynchronizationManager.hasResource(RESOLVING)) {
            record(lifted.roomId(), lifted.by(), "UNBAN", lifted.userId());
        }
    }

    @EventListener
    void on(ModeratorUnmade unmade) {
        if (!TransactionSynchronizationManager.hasResource(RESOLVING)) {
            record(unmade.roomId(), unmade.by(), "DEMOTION", unmade.userId());
        }
    }

    private void record(UUID roomId, UUID actor, String action, UUID target) {
        UUID clubId = rooms.find(roomId).map(Room::clubId).orElse(null);
        String note = staff.of(actor).map(role -> "as platform " + role.name()).orElse(null);
        audit.append(new AuditLog.Entry(actor, action, target, roomId, clubId, null, note, null, null));
    }
}
