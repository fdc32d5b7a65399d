package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.media.ProviderOutbox;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import dev.tribune.shared.Page;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who runs the stage: moderators, the host hand-off, mutes, removal and bans. Each change is conditional and emits
 * its event only when a row really changed.
 */
@Service
class StageRoles {

    private final JdbcClient jdbc;
    private final Seats seats;
    private final RoomAccess access;
    private final RoomEvents events;
    private final UserDirectory users;
    private final StageGuard guard;
    private final ProviderOutbox outbox;
    private final PanelCapacity panel;
    private final Clock clock;
    private final ApplicationEventPublisher published;

    StageRoles(JdbcClient jdbc, Seats seats, RoomAccess access, RoomEvents events, UserDirectory users,
            StageGuard guard, ProviderOutbox outbox, PanelCapacity panel, Clock clock, ApplicationEventPublisher published) {
        this.published = published;
        this.panel = panel;
        this.outbox = outbox;
        this.guard = guard;
        this.users = users;
        this.jdbc = jdbc;
        this.seats = seats;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /** HOST only: a SPEAKER or AUDIENCE member present in the room becomes MODERATOR. */
    @Transactional
    void makeModerator(AuthenticatedUser caller, UUID roomId, UUID userId) {
        Room room = guard.live(caller, roomId);
        guard.permit(StageAction.MAKE_OR_UNMAKE_MODERATOR, roomId, caller.id());
        StageRole role = guard.requireTarget(roomId, userId);
        if (role == StageRole.HOST || role == StageRole.MODERATOR) {
            return;
        }
        if (role == StageRole.AUDIENCE) {
            panel.requireSeat(room);
        }
        if (seats.makeModerator(roomId, userId, role, clock.instant())) {
            roleChanged(roomId, userId, StageRole.MODERATOR, caller.id());
        }
    }

    /** HOST only: a MODERATOR goes back to SPEAKER. */
    @Transactional
    void unmakeModerator(AuthenticatedUser caller, UUID roomId, UUID userId) {
        guard.live(caller, roomId);
        guard.permit(StageAction.MAKE_OR_UNMAKE_MODERATOR, roomId, caller.id());
        guard.requireTarget(roomId, userId);
        if (seats.unmakeModerator(roomId, userId, clock.instant())) {
            roleChanged(roomId, userId, StageRole.SPEAKER, caller.id());
            published.publishEvent(new ModeratorUnmade(roomId, userId, caller.id()));
        }
    }

    /** HOST only: hands the room to a MODERATOR or SPEAKER present in it; the old HOST becomes MODERATOR. */
    @Transactional
    void handOver(AuthenticatedUser caller, UUID roomId, UUID userId) {
        guard.live(caller, roomId);
        guard.permit(StageAction.HAND_OVER_HOST, roomId, caller.id());
        if (caller.id().equals(userId)) {
            return;
        }
        guard.requireTarget(roomId, userId);
        if (!seats.mayTakeHost(roomId, userId)) {
            throw ApiException.conflict("The HOST role goes to a MODERATOR or SPEAKER who is in the room.");
        }
        seats.handOver(roomId, caller.id(), userId, clock.instant());
        roleChanged(roomId, caller.id(), StageRole.MODERATOR, caller.id());
        roleChanged(roomId, userId, StageRole.HOST, caller.id());
    }

    /** Anyone on themself; HOST and MODERATORs on others, which is a forced mute. */
    @Transactional
    void mute(AuthenticatedUser caller, UUID roomId, UUID userId) {
        guard.live(caller, roomId);
        boolean self = caller.id().equals(userId);
        if (!self) {
            guard.permit(StageAction.FORCE_MUTE, roomId, caller.id());
            guard.requireTarget(roomId, userId);
        } else {
            guard.requireIn(roomId, userId);
        }
        if (seats.mute(roomId, userId, !self)) {
            events.append(roomId, new StageEvent.ParticipantMuted(userId, caller.id(), !self), EventAudience.everyone());
            outbox.participantChanged(roomId, userId);
        }
    }

    /**
     * On oneself: unmutes, unless a HOST or MODERATOR forced the mute (403). By HOST or MODERATOR on others: lifts
     * a forced mute; the person unmutes themself when ready (nobody's microphone is opened for them).
     */
    @Transactional
    void unmute(AuthenticatedUser caller, UUID roomId, UUID userId) {
        guard.live(caller, roomId);
        if (caller.id().equals(userId)) {
            boolean forced = seats.forcedMute(roomId, userId)
                    .orElseThrow(() -> ApiException.conflict("You are not in this room."));
            if (forced) {
                throw ApiException.forbidden("A HOST or MODERATOR muted you; they have to lift it first.");
            }
            if (seats.unmute(roomId, userId)) {
                events.append(roomId, new StageEvent.ParticipantUnmuted(userId, caller.id()), EventAudience.everyone());
                outbox.participantChanged(roomId, userId);
            }
            return;
        }
        guard.permit(StageAction.FORCE_MUTE, roomId, caller.id());
        guard.requireTarget(roomId, userId);
        if (seats.liftForcedMute(roomId, userId)) {
            events.append(roomId, new StageEvent.ParticipantMuted(userId, caller.id(), false), EventAudience.everyone());
            outbox.participantChanged(roomId, userId);
        }
    }

    /**
     * HOST on anyone but themself; MODERATOR on SPEAKERs and AUDIENCE. With {@code ban}, they cannot come back: to
     * this room, or for a club's room, to any of the club's rooms.
     */
    @Transactional
    void remove(AuthenticatedUser caller, UUID roomId, UUID userId, boolean ban) {
        Room room = guard.live(caller, roomId);
        StageRole mine = guard.roleOf(roomId, caller.id()).orElse(null);
        if (!guard.allows(StageAction.REMOVE_SPEAKER_OR_AUDIENCE, mine, caller.id())) {
            throw ApiException.forbidden("Only the room's HOST and MODERATORs can remove people.");
        }
        if (caller.id().equals(userId)) {
            throw ApiException.conflict("Leave the room instead of removing yourself.");
        }
        StageRole theirs = guard.roleOf(roomId, userId).orElse(null);
        if (theirs == null && !(ban && guard.hasBeenIn(roomId, userId))) {
            // someone who left may still be banned (the usual case: they left before a moderator got to them);
            // removing them again, or anyone never in the room, is refused
            guard.requireTarget(roomId, userId);
        }
        if (theirs != null && !guard.allows(StageAction.removing(theirs), mine, caller.id())) {
            throw ApiException.forbidden("A MODERATOR removes SPEAKERs and AUDIENCE only; nobody removes the HOST.");
        }
        if (ban) {
            ban(userId, roomId, room.clubId(), caller.id());
        }
        removeSeat(roomId, userId, theirs, caller.id(), ban);
    }

    /** Out of the room, their stage role gone, told to everyone who may know; false when they were not in it. */
    boolean removeSeat(UUID roomId, UUID userId, StageRole theirs, UUID by, boolean banned) {
        Optional<Boolean> wasPresent = seats.remove(roomId, userId, theirs, clock.instant());
        if (wasPresent.isPresent() || banned) {
            events.append(roomId, new StageEvent.ParticipantRemoved(userId, by, banned),
                    theirs != null && theirs.onPanel() ? EventAudience.everyone() : EventAudience.staffAnd(userId));
            outbox.participantChanged(roomId, userId);
        }
        return wasPresent.isPresent();
    }

    List<StageEnforcement.BanInForce> bansInForce(UUID clubId) {
        return jdbc.sql("""
                SELECT b.user_id, b.scope, b.room_id, coalesce(b.club_id, r.club_id) AS club_id, b.banned_by, b.created_at, b.reason
                FROM bans b LEFT JOIN rooms r ON r.id = b.room_id
                WHERE CAST(:club AS uuid) IS NULL OR b.club_id = :club OR r.club_id = :club
                ORDER BY b.created_at, b.id""")
                .param("club", clubId)
                .query((rs, n) -> new StageEnforcement.BanInForce(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                        rs.getTimestamp(6).toInstant(), rs.getString(7)))
                .list();
    }

    /** Lifts a room ban ({@code clubId} null) or a club ban; false when there was none. */
    boolean liftBan(UUID userId, UUID roomId, UUID clubId) {
        return clubId == null
                ? jdbc.sql("DELETE FROM bans WHERE user_id = ? AND scope = 'ROOM' AND room_id = ?").params(userId, roomId).update() > 0
                : jdbc.sql("DELETE FROM bans WHERE user_id = ? AND scope = 'CLUB' AND club_id = ?").params(userId, clubId).update() > 0;
    }

    /** Banned from this room, or, with a club, from every room of the club; a ban already in force stays as it is. */
    void ban(UUID userId, UUID roomId, UUID clubId, UUID by) {
        if (clubId == null) {
            jdbc.sql("""
                    INSERT INTO bans (id, user_id, scope, room_id, banned_by, created_at)
                    VALUES (?, ?, 'ROOM', ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(Ids.newId(), userId, roomId, by, now()).update();
        } else {
            jdbc.sql("""
                    INSERT INTO bans (id, user_id, scope, room_id, club_id, banned_by, created_at)
                    VALUES (?, ?, 'CLUB', ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(Ids.newId(), userId, roomId, clubId, by, now()).update();
        }
    }

    /** A ban (API.md "Bans"): who, by whom (either {@code null} once their account is gone), when, and its scope. */
    record BanView(Person user, Person by, Instant at, String scope) {
    }

    record Person(UUID id, String username, String displayName) {
    }

    /** The room's bans (and, for a club's room, the club's), newest first; HOST and MODERATORs only. */
    @Transactional(readOnly = true)
    Page<BanView> bans(AuthenticatedUser caller, UUID roomId, int limit, String cursor) {
        Room room = access.requireVisible(roomId, caller, null);
        guard.permit(StageAction.LIST_OR_LIFT_BANS, roomId, caller.id());
        int offset = cursor == null ? 0 : Cursors.offset(Cursors.decode(cursor, "bans", 1).getFirst());
        record Row(UUID user, UUID by, Instant at, String scope) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT user_id, banned_by, created_at, scope FROM bans
                WHERE (scope = 'ROOM' AND room_id = :room) OR (scope = 'CLUB' AND club_id = :club)
                ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .param("room", roomId).param("club", room.clubId()).param("limit", limit + 1).param("offset", offset)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .list();
        var people = users.findAll(rows.stream().flatMap(r -> Stream.of(r.user(), r.by())).distinct().toList());
        return Page.of(rows, limit, last -> Cursors.encode("bans", Integer.toString(offset + limit)),
                row -> new BanView(person(people.get(row.user())), person(people.get(row.by())), row.at(), row.scope()));
    }

    @Transactional
    void unban(AuthenticatedUser caller, UUID roomId, UUID userId) {
        Room room = access.requireVisible(roomId, caller, null);
        guard.permit(StageAction.LIST_OR_LIFT_BANS, roomId, caller.id());
        int lifted = jdbc.sql("DELETE FROM bans WHERE user_id = :user AND ((scope = 'ROOM' AND room_id = :room) OR (scope = 'CLUB' AND club_id = :club))")
                .param("user", userId).param("room", roomId).param("club", room.clubId()).update();
        if (lifted == 0) {
            throw ApiException.notFound("That person is not banned from this room.");
        }
        published.publishEvent(new BanLifted(roomId, userId, caller.id()));
    }

    private static Person person(UserRef user) {
        return user == null ? null : new Person(user.id(), user.username(), user.displayName());
    }

    private void roleChanged(UUID roomId, UUID userId, StageRole role, UUID by) {
        events.append(roomId, new StageEvent.RoleChanged(userId, role, by), EventAudience.everyone());
        outbox.participantChanged(roomId, userId);
        events.append(roomId, new StageEvent.MediaGrantDue(userId), EventAudience.only(userId));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
