package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.ProviderOutbox;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.RtcProviders;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomLock;
import dev.tribune.rooms.RoomProblems;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.shared.ApiException;
import java.time.Clock;
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
    private final Arrivals arrivals;
    private final PanelCapacity panel;
    private final Clock clock;

    StageService(Seats seats, RoomAccess access, RoomEvents events, RtcProviders providers, UserDirectory users,
            RoomLock lock, StageGuard guard, ProviderOutbox outbox, Arrivals arrivals, PanelCapacity panel, Clock clock) {
        this.outbox = outbox;
        this.panel = panel;
        this.arrivals = arrivals;
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
     * The room a caller may join (visible, LIVE, not banned), read with their seat and name in one statement before
     * the vendor room is made for it: a room the caller cannot join must never cause a vendor call. No transaction:
     * one statement sees one moment, and {@link Arrivals} decides again under the room's row.
     */
    Seats.Entry joinable(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        Seats.Entry entry = seats.entry(roomId, caller.id()).orElseThrow(RoomAccess::notFound);
        access.requireVisible(entry.room(), caller, inviteCode, entry.banned(), entry.seat().isPresent());
        if (entry.room().status() == RoomStatus.ENDED) {
            throw new ApiException(RoomProblems.ROOM_ENDED, "This room has ended.");
        }
        if (entry.room().status() != RoomStatus.LIVE) {
            throw new ApiException(StageProblems.NOT_LIVE, "This room has not started yet.");
        }
        if (entry.banned()) {
            throw new ApiException(StageProblems.BANNED, "You are banned from this room.");
        }
        if (entry.displayName() == null) {
            throw ApiException.unauthorized("This account no longer exists.");
        }
        return entry;
    }

    /**
     * Joins the room {@link #joinable} found, whose vendor room is {@code providerRoom}: seated by the room's next
     * batch of {@link Arrivals}, or, already present (joining again refreshes the grant), with nothing to write. The
     * grant is minted after the seat is committed, outside any transaction.
     */
    Joined join(AuthenticatedUser caller, Seats.Entry entry, RtcProvider.ProviderRoom providerRoom) {
        UUID roomId = entry.room().id();
        RtcProvider provider = providers.of(entry.room().provider());
        int capacity = provider.capabilities().maxParticipants();
        Arrivals.Seated seated = entry.seat().filter(Seats.Seat::present)
                .map(seat -> new Arrivals.Seated(seat, entry.roomSeq()))
                .orElseGet(() -> arrivals.arrive(roomId, new Arrivals.Arrival(caller.id(), entry.displayName(), capacity,
                        "This room is full: " + provider.name() + " rooms hold at most " + capacity + " people."
                                + ("mesh".equals(provider.name()) ? " Rooms this size belong on an SFU provider (janus, livekit, hms)." : ""))));
        Seats.Seat seat = seated.seat();
        MediaGrant media = provider.grant(new RtcProvider.GrantRequest(roomId, providerRoom.providerRoomId(), caller.id(),
                entry.displayName(), seat.role().canPublish()));
        return new Joined(new Participant(caller.id(), seat.role(), seat.handRaised(), seat.muted()), media,
                new EventStream("/ws", seated.roomSeq()));
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
        Room room = guard.live(caller, roomId);
        boolean self = caller.id().equals(userId);
        if (!self) {
            guard.permit(StageAction.APPROVE_OR_INVITE, roomId, caller.id());
        }
        StageRole role = self ? guard.requireIn(roomId, userId) : guard.requireTarget(roomId, userId);
        if (role.onPanel()) {
            return;
        }
        panel.requireSeat(room);
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
