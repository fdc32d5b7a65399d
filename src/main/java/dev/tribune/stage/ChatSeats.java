package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the chat asks the stage: who is in the room, as what, with a chat mute or not; and the chat mute itself, which
 * is kept on the participant and permitted by the stage's matrix ({@link StageAction#CHAT_MUTE}).
 */
@Component
public class ChatSeats {

    private final Seats seats;
    private final StageGuard guard;

    ChatSeats(Seats seats, StageGuard guard) {
        this.seats = seats;
        this.guard = guard;
    }

    /** Someone in the room: their role, and whether a HOST or MODERATOR has muted their chat. */
    public record ChatSeat(StageRole role, boolean chatMuted) {
    }

    /** Their seat while they are in the room. */
    public Optional<ChatSeat> find(UUID roomId, UUID userId) {
        return seats.chatSeat(roomId, userId);
    }

    /**
     * Mutes (or unmutes) someone's chat, by the room's HOST or a MODERATOR (403 otherwise); as for every act on
     * someone else, 404 when they have never been in the room and 409 when they have left. Whether it changed: muting
     * twice (two moderators at once) changes it once.
     */
    public boolean chatMute(AuthenticatedUser caller, UUID roomId, UUID userId, boolean muted) {
        if (!moderatesChat(caller, roomId)) {
            throw ApiException.forbidden("Only the room's HOST and MODERATORs can mute someone's chat.");
        }
        guard.requireTarget(roomId, userId);
        return seats.chatMute(roomId, userId, muted);
    }

    /**
     * Whether the caller may chat-mute others and delete their messages here: the room's HOST and MODERATORs, and
     * platform staff in any room.
     */
    public boolean moderatesChat(AuthenticatedUser caller, UUID roomId) {
        return guard.allows(StageAction.CHAT_MUTE, guard.roleOf(roomId, caller.id()).orElse(null), caller.id());
    }
}
