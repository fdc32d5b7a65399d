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
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomLock;
import dev.tribune.rooms.RoomProblems;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.shared.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joining, leaving, hands and speakers. Each change is a conditional update that touches a row only if the change
 * is still to be made, and emits its event only then: two moderators approving the same hand at once give one role
 * change and one event. The room's counters and panel preview move in the same transaction.
 */
@Service
class StageService {

    private final Seats seats;
    private final RoomAccess access;
    private final RoomEvents events;
    private final RtcProviders providers;
    private final UserDirectory users;
    private final RoomLock lock;
    private final StageGuard guard;
    private final ProviderOutbox outbox;
    private final ProviderRooms providerRooms;
    private final Clock clock;

    StageService(Seats seats, RoomAccess access, RoomEvents events, RtcProviders providers, UserDirectory users,
            RoomLock lock, StageGuard guard, ProviderOutbox outbox, ProviderRooms providerRooms,
            Clock clock) {
        this.outbox = outbox;
        this.providerRooms = providerRooms;
        this.lock = lock;
        this.guard = guard;
        this.seats = seats;
        this.access = access;
        this.events = events;
        this.providers = providers;
        this.users = users;
        this.clock = clock;
    }

    /** The answer to a join (API.md "Join"): the caller's place on the stage, their media grant, where to listen. */
    record Joined(Participant participant, MediaGrant media, EventStream events) {
    }

    record Participant(UUID userId, StageRole role, boolean handRaised, boolean muted) {
    }

    /** Where the room's events are ({@code url}) and the room's sequence number at the moment of joining. */
    record EventStream(String url, long roomSeq) {
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
        int present = seats.presentCount(roomId);
        Optional<Seats.Seat> existing = seats.seat(roomId, caller.id());
        boolean arriving = existing.isEmpty() || !existing.get().present();
        if (arriving && present >= provider.capabilities().maxParticipants()) {
            throw new ApiException(StageProblems.ROOM_FULL, "This room is full: " + provider.name() + " rooms hold at most "
                    + provider.capabilities().maxParticipants() + " people." + ("mesh".equals(provider.name())
                    ? " Rooms this size belong on an SFU provider (janus, livekit, hms)." : ""));
        }
        StageRole role;
        if (existing.isEmpty()) {
            role = StageRole.AUDIENCE;
            seats.arrive(roomId, caller.id(), now);
        } else {
            Seats.Seat before = existing.get();
            // a deliberate leave gives up the stage; the HOST keeps the room until the role is handed on
            role = before.leftDeliberately() && before.role() != StageRole.HOST ? StageRole.AUDIENCE : before.role();
            seats.returnAs(roomId, caller.id(), role, now);
        }
        UserRef me = users.find(caller.id()).orElseThrow(() -> ApiException.unauthorized("This account no longer exists."));
        if (arriving) {
            seats.countArrival(roomId, role, now);
            events.append(roomId, new StageEvent.ParticipantJoined(caller.id(), me.displayName(), role),
                    role.onPanel() ? EventAudience.everyone() : EventAudience.staff());
        }
        long seq = seats.roomSeq(roomId);
        Seats.Seat now2 = seats.seat(roomId, caller.id()).orElseThrow();
        MediaGrant media = provider.grant(
                new RtcProvider.GrantRequest(roomId, providerRoom.providerRoomId(), caller.id(), me.displayName(), now2.role().canPublish()));
        return new Joined(new Participant(caller.id(), now2.role(), now2.handRaised(), now2.muted()), media, new EventStream("/ws", seq));
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
        Optional<StageRole> left = seats.depart(roomId, caller.id(), clock.instant());
        if (left.isEmpty()) {
            return;
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
        if (seats.raiseHand(roomId, caller.id(), clock.instant())) {
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
        if (seats.lowerHand(roomId, userId)) {
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
            if (!seats.acceptInvitation(roomId, userId, clock.instant())) {
                throw ApiException.forbidden("You have not been invited to speak.");
            }
            promoted(roomId, userId, caller.id());
            return;
        }
        if (seats.approveHand(roomId, userId, clock.instant())) {
            promoted(roomId, userId, caller.id());
            return;
        }
        if (seats.invite(roomId, userId, caller.id(), clock.instant())) {
            events.append(roomId, new StageEvent.SpeakerInvited(userId, caller.id()), EventAudience.staffAnd(userId));
        }
    }

    /** After {@link Seats} moved them onto the panel (and the counters with them). */
    private void promoted(UUID roomId, UUID userId, UUID by) {
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
            seats.withdrawInvitation(roomId, userId);
            return;
        }
        if (role == StageRole.HOST || role == StageRole.MODERATOR) {
            throw ApiException.conflict("Demote a " + role + " with the moderator and host endpoints first.");
        }
        if (seats.toAudience(roomId, userId, clock.instant())) {
            events.append(roomId, new StageEvent.RoleChanged(userId, StageRole.AUDIENCE, caller.id()), EventAudience.everyone());
            outbox.participantChanged(roomId, userId);
            events.append(roomId, new StageEvent.MediaGrantDue(userId), EventAudience.only(userId));
        }
    }
}
