package dev.tribune.chat;

import dev.tribune.events.RoomEvent;
import dev.tribune.events.WireName;
import dev.tribune.stage.StageRole;
import java.time.Instant;
import java.util.UUID;

/** What happens in a room's chat, as the room's log tells it (API.md, "Event types and their data"). */
public sealed interface ChatEvent extends RoomEvent {

    /** {@code toUserId} and {@code toRole} are null (and sent as null) for a message to everyone. */
    @WireName("chat.message")
    record MessagePosted(UUID id, ChatService.Sender from, String text, UUID toUserId, StageRole toRole, Instant sentAt)
            implements ChatEvent {
    }

    @WireName("chat.deleted")
    record MessageDeleted(UUID id, UUID by) implements ChatEvent {
    }

    @WireName("participant.chat_muted")
    record ChatMuted(UUID userId, UUID by, boolean muted) implements ChatEvent {
    }
}
