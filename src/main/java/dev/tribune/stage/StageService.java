package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.ProviderOutbox;
import dev.tribune.media.ProviderRooms;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.RtcProviders;
import dev.tribune.rooms.Panel;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomLock;
import dev.tribune.rooms.RoomProblems;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.rooms.StageRole;
import dev.tribune.shared.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joining, leaving, hands and speakers. Each change is a conditional update that touches a row only if the change
 * is still to be made, and emits its event only then: two moderators approving the same hand at once give one role
 * change and one event. The room's counters and panel preview move in the same transaction.
 */
@Service
class StageService {

    private final JdbcClient jdbc;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Panel panel;
    private final RtcProviders providers;
    private final UserDirectory users;
    private final RoomLock lock;
    private final StageGuard guard;
    private final ProviderOutbox outbox;
    private final ProviderRooms providerRooms;
    private final Clock clock;

    StageService(JdbcClient jdbc, RoomAccess access, RoomEvents events, Panel panel, RtcProviders providers, UserDirectory users,
            RoomLock lock, StageGuard guard, ProviderOutbox outbox, ProviderRooms providerRooms,
            Clock clock) {
        this.outbox = outbox;
        this.providerRooms = providerRooms;
        this.lock = lock;
        this.guard = guard;
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
        this.panel = panel;
        this.providers = providers;
        this.users = users;
        this.clock = clock;
    }

    record Joined(Map<String, Object> participant, MediaGrant media, Map<String, Object> events) {
    }

    /**
     * The room a caller may join (visible, LIVE, not banned), checked before the vendor room is made for it: a room
     * the caller cannot join must never cause a vendor call. {@link #join} checks again in its own transaction.
     */
    @Transactional(readOnly = true)
    Room joinable(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        Room room = access.requireVisible(roomId, caller, inviteCode);
        requireJoinable(caller, room);
        return room;
    }

    @Transactional
    Joined join(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        Room room = access.requireVisible(roomId, caller, inviteCode);
        requireJoinable(caller, room);
        RtcProvider provider = providers.of(room.provider());
        // made before this transaction (RoomEntry); gone only if the vendor closed it this very moment
        RtcProvider.ProviderRoom providerRoom = providerRooms.find(roomId)
                .orElseThrow(() -> new ProviderUnavailable("The room's " + provider.name() + " room was just closed; join again."));
        // the room row is the join's lock: capacity checks and counters see every other join in order
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        lock.hold(roomId);
        int present = jdbc.sql("SELECT participant_count FROM rooms WHERE id = ?").param(roomId).query(Integer.class).single();
        Optional<Row> existing = row(roomId, caller.id());
        boolean arriving = existing.isEmpty() || !existing.get().present();
        if (arriving && present >= provider.capabilities().maxParticipants()) {
            throw new ApiException(StageProblems.ROOM_FULL, "This room is full: " + provider.name() + " rooms hold at most "
                    + provider.capabilities().maxParticipants() + " people." + ("mesh".equals(provider.name())
                    ? " Rooms this size belong on an SFU provider (janus, livekit, hms)." : ""));
        }
        StageRole role;
        if (existing.isEmpty()) {
            role = StageRole.AUDIENCE;
            jdbc.sql("""
                    INSERT INTO participants (room_id, user_id, role, present, first_joined_at, joined_at, role_since)
                    VALUES (?, ?, 'AUDIENCE', true, ?, ?, ?)""")
                    .params(roomId, caller.id(), ts(now), ts(now), ts(now)).update();
        } else {
            Row before = existing.get();
            // a deliberate leave gives up the stage; the HOST keeps the room until the role is handed on
            role = before.leftDeliberately() && before.role() != StageRole.HOST ? StageRole.AUDIENCE : before.role();
            jdbc.sql("""
                    UPDATE participants SET present = true, left_at = NULL, left_deliberately = false, role = ?,
                        role_since = CASE WHEN role = ? THEN role_since ELSE ? END,
                        joined_at = CASE WHEN present THEN joined_at ELSE ? END
                    WHERE room_id = ? AND user_id = ?""")
                    .params(role.name(), role.name(), ts(now), ts(now), roomId, caller.id()).update();
        }
        UserRef me = users.find(caller.id()).orElseThrow(() -> ApiException.unauthorized("This account no longer exists."));
        if (arriving) {
            jdbc.sql("""
                    UPDATE rooms SET participant_count = participant_count + 1,
                        audience_count = audience_count + CASE WHEN ? THEN 1 ELSE 0 END, last_joined_at = ?
                    WHERE id = ?""").params(role == StageRole.AUDIENCE, ts(now), roomId).update();
            if (role.onPanel()) {
                panel.refresh(roomId);
            }
            events.append(roomId, new StageEvent.ParticipantJoined(caller.id(), me.displayName(), role),
                    role.onPanel() ? EventAudience.everyone() : EventAudience.staff());
        }
        long seq = jdbc.sql("SELECT event_seq FROM rooms WHERE id = ?").param(roomId).query(Long.class).single();
        Row now2 = row(roomId, caller.id()).orElseThrow();
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("userId", caller.id());
        participant.put("role", now2.role().name());
        participant.put("handRaised", now2.handRaised());
        participant.put("muted", now2.muted());
        MediaGrant media = provider.grant(
                new RtcProvider.GrantRequest(roomId, providerRoom.providerRoomId(), caller.id(), me.displayName(), now2.role().onPanel()));
        return new Joined(participant, media, Map.of("url", "/ws", "roomSeq", seq));
    }

    private void requireJoinable(AuthenticatedUser caller, Room room) {
        if (room.status() == RoomStatus.ENDED) {
            throw new ApiException(RoomProblems.ROOM_ENDED, "This room has ended.");
        }
        if (room.status() != RoomStatus.LIVE) {
            throw new ApiException(StageProblems.NOT_LIVE, "This room has not started yet.");
        }
        if (access.isBanned(room, caller.id())) {
            throw new ApiException(StageProblems.BANNED, "You are banned from this room.");
        }
    }

    @Transactional
    void leave(AuthenticatedUser caller, UUID roomId) {
        Room room = access.requireVisible(roomId, caller, null);
        lock.hold(roomId);
        Optional<StageRole> left = jdbc.sql("""
                UPDATE participants SET present = false, left_at = ?, left_deliberately = true, hand_raised_at = NULL,
                    invited_at = NULL
                WHERE room_id = ? AND user_id = ? AND left_at IS NULL
                RETURNING role""")
                .params(ts(clock.instant()), roomId, caller.id())
                .query(String.class).optional().map(StageRole::valueOf);
        if (left.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE rooms SET participant_count = greatest(participant_count - 1, 0),
                    audience_count = greatest(audience_count - CASE WHEN ? THEN 1 ELSE 0 END, 0)
                WHERE id = ?""").params(left.get() == StageRole.AUDIENCE, roomId).update();
        if (left.get().onPanel()) {
            panel.refresh(roomId);
        }
        if (room.status() == RoomStatus.LIVE) {
            events.append(roomId, new StageEvent.ParticipantLeft(caller.id()),
                    left.get().onPanel() ? EventAudience.everyone() : EventAudience.staff());
            outbox.participantChanged(roomId, caller.id());
        }
    }

    @Transactional
    void raiseHand(AuthenticatedUser caller, UUID roomId) {
        guard.live(caller, roomId);
        StageRole role = guard.requireIn(roomId, caller.id());
        if (!StagePermissions.allows(StageAction.RAISE_OWN_HAND, role)) {
            throw ApiException.conflict("Only the audience raises hands: you are already on the stage.");
        }
        int raised = jdbc.sql("""
                UPDATE participants SET hand_raised_at = ? WHERE room_id = ? AND user_id = ? AND role = 'AUDIENCE'
                AND hand_raised_at IS NULL AND left_at IS NULL""")
                .params(ts(clock.instant()), roomId, caller.id()).update();
        if (raised == 1) {
            String name = users.find(caller.id()).map(UserRef::displayName).orElse(null);
            events.append(roomId, new StageEvent.HandRaised(caller.id(), name), EventAudience.staffAnd(caller.id()));
        }
    }

    @Transactional
    void lowerHand(AuthenticatedUser caller, UUID roomId, UUID userId) {
        guard.live(caller, roomId);
        if (!caller.id().equals(userId)) {
            guard.permit(StageAction.DENY_HAND, roomId, caller.id());
            guard.requireTarget(roomId, userId);
        } else {
            guard.requireIn(roomId, caller.id());
        }
        int lowered = jdbc.sql("UPDATE participants SET hand_raised_at = NULL WHERE room_id = ? AND user_id = ? AND hand_raised_at IS NOT NULL")
                .params(roomId, userId).update();
        if (lowered == 1) {
            events.append(roomId, new StageEvent.HandLowered(userId, caller.id()), EventAudience.staffAnd(userId));
        }
    }

    /**
     * By staff: approves a raised hand (SPEAKER at once, muted) or, with none raised, invites the user to speak.
     * By the user themself: accepts an invitation (403 without one).
     */
    @Transactional
    void approveOrInvite(AuthenticatedUser caller, UUID roomId, UUID userId) {
        guard.live(caller, roomId);
        boolean self = caller.id().equals(userId);
        if (!self) {
            guard.permit(StageAction.APPROVE_OR_INVITE, roomId, caller.id());
        }
        StageRole role = self ? guard.requireIn(roomId, userId) : guard.requireTarget(roomId, userId);
        if (role.onPanel()) {
            return;
        }
        if (self) {
            int accepted = jdbc.sql("""
                    UPDATE participants SET role = 'SPEAKER', role_since = ?, hand_raised_at = NULL, invited_at = NULL, muted = true
                    WHERE room_id = ? AND user_id = ? AND role = 'AUDIENCE' AND invited_at IS NOT NULL AND left_at IS NULL""")
                    .params(ts(clock.instant()), roomId, userId).update();
            if (accepted == 0) {
                throw ApiException.forbidden("You have not been invited to speak.");
            }
            promoted(roomId, userId, caller.id());
            return;
        }
        int promoted = jdbc.sql("""
                UPDATE participants SET role = 'SPEAKER', role_since = ?, hand_raised_at = NULL, invited_at = NULL,
                    muted = true
                WHERE room_id = ? AND user_id = ? AND role = 'AUDIENCE' AND hand_raised_at IS NOT NULL AND left_at IS NULL""")
                .params(ts(clock.instant()), roomId, userId).update();
        if (promoted == 1) {
            promoted(roomId, userId, caller.id());
            return;
        }
        int invited = jdbc.sql("""
                UPDATE participants SET invited_at = ?, invited_by = ?
                WHERE room_id = ? AND user_id = ? AND role = 'AUDIENCE' AND invited_at IS NULL AND left_at IS NULL""")
                .params(ts(clock.instant()), caller.id(), roomId, userId).update();
        if (invited == 1) {
            events.append(roomId, new StageEvent.SpeakerInvited(userId, caller.id()), EventAudience.staffAnd(userId));
        }
    }

    private void promoted(UUID roomId, UUID userId, UUID by) {
        jdbc.sql("UPDATE rooms SET audience_count = greatest(audience_count - CASE WHEN (SELECT present FROM participants "
                + "WHERE room_id = ? AND user_id = ?) THEN 1 ELSE 0 END, 0) WHERE id = ?").params(roomId, userId, roomId).update();
        panel.refresh(roomId);
        events.append(roomId, new StageEvent.RoleChanged(userId, StageRole.SPEAKER, by), EventAudience.everyone());
        outbox.participantChanged(roomId, userId);
        events.append(roomId, new StageEvent.MediaGrantDue(userId), EventAudience.only(userId));
    }

    /** A SPEAKER back to the audience: by staff, or by the speaker themself; on oneself while invited, declines. */
    @Transactional
    void demote(AuthenticatedUser caller, UUID roomId, UUID userId) {
        guard.live(caller, roomId);
        boolean self = caller.id().equals(userId);
        if (!self) {
            guard.permit(StageAction.DEMOTE_SPEAKER, roomId, caller.id());
        }
        StageRole role = self ? guard.requireIn(roomId, userId) : guard.requireTarget(roomId, userId);
        if (role == StageRole.AUDIENCE) {
            jdbc.sql("UPDATE participants SET invited_at = NULL, invited_by = NULL WHERE room_id = ? AND user_id = ?")
                    .params(roomId, userId).update();
            return;
        }
        if (role == StageRole.HOST || role == StageRole.MODERATOR) {
            throw ApiException.conflict("Demote a " + role + " with the moderator and host endpoints first.");
        }
        int demoted = jdbc.sql("""
                UPDATE participants SET role = 'AUDIENCE', role_since = ?, muted = true
                WHERE room_id = ? AND user_id = ? AND role = 'SPEAKER' AND left_at IS NULL""")
                .params(ts(clock.instant()), roomId, userId).update();
        if (demoted == 1) {
            jdbc.sql("UPDATE rooms SET audience_count = audience_count + CASE WHEN (SELECT present FROM participants WHERE room_id = ? AND user_id = ?) THEN 1 ELSE 0 END WHERE id = ?")
                    .params(roomId, userId, roomId).update();
            panel.refresh(roomId);
            events.append(roomId, new StageEvent.RoleChanged(userId, StageRole.AUDIENCE, caller.id()), EventAudience.everyone());
            outbox.participantChanged(roomId, userId);
            events.append(roomId, new StageEvent.MediaGrantDue(userId), EventAudience.only(userId));
        }
    }

    private record Row(StageRole role, boolean present, boolean leftDeliberately, boolean handRaised, boolean muted) {
    }

    private Optional<Row> row(UUID roomId, UUID userId) {
        return jdbc.sql("""
                SELECT role, present, left_deliberately, hand_raised_at IS NOT NULL, muted
                FROM participants WHERE room_id = ? AND user_id = ?""")
                .params(roomId, userId)
                .query((rs, n) -> new Row(StageRole.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getBoolean(5)))
                .optional();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
