package dev.tribune.rooms;

import dev.tribune.accounts.AccountDeleted;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Remind me when this room starts": kept per person and SCHEDULED room. Only stored for now; the notices that use
 * them come with the notifications work (issue 17).
 */
@Service
class Reminders {

    private final RoomAccess access;
    private final JdbcClient jdbc;
    private final Clock clock;

    Reminders(RoomAccess access, JdbcClient jdbc, Clock clock) {
        this.access = access;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Only a SCHEDULED room can be waited for: a LIVE or ENDED one is 409 {@code /problems/room-not-scheduled}. */
    @Transactional
    void remind(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        requireNotGuest(caller);
        Room room = access.requireVisible(roomId, caller, inviteCode);
        if (room.status() != RoomStatus.SCHEDULED) {
            throw new ApiException(RoomProblems.NOT_SCHEDULED, room.status() == RoomStatus.LIVE
                    ? "This room is already live: join it instead." : "This room has ended.");
        }
        jdbc.sql("INSERT INTO room_reminders (room_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(roomId, caller.id(), Timestamp.from(clock.instant())).update();
    }

    /** Whatever the room's state: a reminder can always be taken back. */
    @Transactional
    void forget(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        requireNotGuest(caller);
        access.requireVisible(roomId, caller, inviteCode);
        jdbc.sql("DELETE FROM room_reminders WHERE room_id = ? AND user_id = ?").params(roomId, caller.id()).update();
    }

    boolean isReminded(UUID roomId, UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM room_reminders WHERE room_id = ? AND user_id = ?)")
                .params(roomId, userId).query(Boolean.class).single();
    }

    /** An erased account waits for nothing. */
    @EventListener
    void on(AccountDeleted deleted) {
        jdbc.sql("DELETE FROM room_reminders WHERE user_id = ?").param(deleted.userId()).update();
    }

    private static void requireNotGuest(AuthenticatedUser caller) {
        if (caller.guest()) {
            throw ApiException.forbidden("Guests cannot be reminded: sign up first.");
        }
    }
}
