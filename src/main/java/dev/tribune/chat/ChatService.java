package dev.tribune.chat;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.rooms.ChatMode;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomProblems;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.stage.ChatSeats;
import dev.tribune.stage.ChatSeats.ChatSeat;
import dev.tribune.stage.StageRole;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import dev.tribune.shared.Page;
import dev.tribune.shared.RateLimit;
import dev.tribune.shared.RateLimiter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sending, reading and deleting a room's messages, within the room's chat setting and the limits. */
@Service
class ChatService {

    private final JdbcClient jdbc;
    private final RoomAccess access;
    private final ChatSeats seats;
    private final RoomEvents events;
    private final UserDirectory users;
    private final RateLimiter limiter;
    private final RateLimit perUser;
    private final RateLimit perRoom;
    private final Clock clock;

    ChatService(JdbcClient jdbc, RoomAccess access, ChatSeats seats, RoomEvents events, UserDirectory users, RateLimiter limiter,
            ChatProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.seats = seats;
        this.events = events;
        this.users = users;
        this.limiter = limiter;
        this.perUser = new RateLimit(properties.perUserPermits(), properties.perUserWindow());
        this.perRoom = new RateLimit(properties.perRoomPermits(), properties.perRoomWindow());
        this.clock = clock;
    }

    record Sender(UUID id, String displayName) {
    }

    record Message(UUID id, Sender from, String text, Instant sentAt, UUID toUserId, StageRole toRole) {
    }

    @Transactional
    Message send(AuthenticatedUser caller, UUID roomId, String rawText, UUID toUserId, StageRole toRole) {
        Room room = access.requireVisible(roomId, caller, null);
        if (room.status() != RoomStatus.LIVE) {
            throw new ApiException(RoomProblems.ROOM_ENDED, "Chat is open only while the room is live.");
        }
        ChatSeat me = seats.find(roomId, caller.id()).orElseThrow(() -> ApiException.forbidden("Join the room to chat in it."));
        if (me.chatMuted()) {
            throw ApiException.forbidden("A HOST or MODERATOR has muted your chat in this room.");
        }
        if (room.chatMode() == ChatMode.OFF) {
            throw ApiException.forbidden("Chat is off in this room.");
        }
        if (room.chatMode() == ChatMode.SPEAKERS && !me.role().onPanel()) {
            throw ApiException.forbidden("Only the people on the stage may chat in this room.");
        }
        String text = rawText == null ? "" : rawText.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw ApiException.invalid("text", "must be 1-1000 characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("text", "must not contain control characters");
        }
        if (toUserId != null && toRole != null) {
            throw ApiException.invalid("toUserId", "a message goes to one person or to one role, not both");
        }
        if (toUserId != null && seats.find(roomId, toUserId).isEmpty()) {
            throw ApiException.invalid("toUserId", "is not in this room");
        }
        limiter.acquire("chat:room:" + roomId, perRoom, "This room's chat is busy: try again in a moment.");
        limiter.acquire("chat:user:" + roomId + ":" + caller.id(), perUser, "You are sending messages too fast.");
        if (room.slowModeSeconds() > 0 && !me.role().isStaff()) {
            limiter.acquire("chat:slow:" + roomId + ":" + caller.id(), new RateLimit(1, Duration.ofSeconds(room.slowModeSeconds())),
                    "Slow mode: one message every " + room.slowModeSeconds() + " seconds.");
        }
        UUID id = Ids.newId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("INSERT INTO chat_messages (id, room_id, sender_id, text, to_user_id, to_role, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, roomId, caller.id(), text, toUserId, toRole == null ? null : toRole.name(), Timestamp.from(now))
                .update();
        String name = users.find(caller.id()).map(UserRef::displayName).orElse(null);
        Message message = new Message(id, new Sender(caller.id(), name), text, now, toUserId, toRole);
        EventAudience audience = toUserId != null ? EventAudience.only(caller.id(), toUserId)
                : toRole != null ? EventAudience.roleAnd(toRole.name(), caller.id()) : EventAudience.everyone();
        events.append(roomId, new ChatEvent.MessagePosted(id, message.from(), text, toUserId, toRole, now), audience);
        return message;
    }

    /** The messages the caller may see, newest first: everyone's, their direct ones, and those to their role. */
    @Transactional(readOnly = true)
    Page<Message> history(AuthenticatedUser caller, UUID roomId, int limit, String cursor) {
        access.requireVisible(roomId, caller, null);
        ChatSeat me = seats.find(roomId, caller.id()).orElseThrow(() -> ApiException.forbidden("Join the room to read its chat."));
        Cursors.Key before = Cursors.key(cursor, "chat", new Cursors.Key(Instant.parse("9999-01-01T00:00:00Z"), new UUID(-1, -1)));
        record Row(UUID id, UUID from, String text, Instant sentAt, UUID toUserId, String toRole) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT id, sender_id, text, sent_at, to_user_id, to_role FROM chat_messages
                WHERE room_id = :room AND deleted_at IS NULL AND sent_at <= :at AND (sent_at, id) < (:at, :id)
                  AND ((to_user_id IS NULL AND to_role IS NULL) OR sender_id = :me OR to_user_id = :me OR to_role = :role)
                ORDER BY sent_at DESC, id DESC LIMIT :limit""")
                .param("room", roomId).param("at", Timestamp.from(before.at())).param("id", before.id())
                .param("me", caller.id()).param("role", me.role().name()).param("limit", limit + 1)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getObject(5, UUID.class), rs.getString(6)))
                .list();
        Map<UUID, UserRef> names = users.findAll(rows.stream().map(Row::from).distinct().toList());
        return Page.of(rows, limit, last -> Cursors.encode("chat", last.sentAt(), last.id()),
                row -> new Message(row.id(), new Sender(row.from(), names.containsKey(row.from()) ? names.get(row.from()).displayName() : null),
                        row.text(), row.sentAt(), row.toUserId(), row.toRole() == null ? null : StageRole.valueOf(row.toRole())));
    }

    /** Hidden from history (kept for reports); by its sender, or the room's HOST and MODERATORs. */
    @Transactional
    void delete(AuthenticatedUser caller, UUID roomId, UUID messageId) {
        access.requireVisible(roomId, caller, null);
        UUID sender = jdbc.sql("SELECT sender_id FROM chat_messages WHERE id = ? AND room_id = ? AND deleted_at IS NULL")
                .params(messageId, roomId).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("No such message."));
        if (!sender.equals(caller.id()) && !seats.moderatesChat(caller, roomId)) {
            throw ApiException.forbidden("Only its sender, a HOST or a MODERATOR can delete a message.");
        }
        int deleted = jdbc.sql("UPDATE chat_messages SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL")
                .params(Timestamp.from(clock.instant()), caller.id(), messageId).update();
        if (deleted == 1) {
            events.append(roomId, new ChatEvent.MessageDeleted(messageId, caller.id()), EventAudience.everyone());
        }
    }

    @Transactional
    void chatMute(AuthenticatedUser caller, UUID roomId, UUID userId, boolean muted) {
        access.requireVisible(roomId, caller, null);
        // the stage decides who may (its permission matrix) and keeps the mute; only a change is an event
        if (seats.chatMute(caller, roomId, userId, muted)) {
            events.append(roomId, new ChatEvent.ChatMuted(userId, caller.id(), muted),
                    EventAudience.staffAnd(userId));
        }
    }
}
