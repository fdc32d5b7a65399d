package dev.tribune.rooms;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.clubs.ClubDirectory;
import dev.tribune.rooms.RoomDtos.Listener;
import dev.tribune.rooms.RoomDtos.Me;
import dev.tribune.rooms.RoomDtos.RaisedHand;
import dev.tribune.rooms.RoomDtos.RoomDetail;
import dev.tribune.rooms.RoomDtos.StageSeat;
import dev.tribune.rooms.RoomDtos.Settings;
import dev.tribune.rooms.RoomOccupants.AudienceMember;
import dev.tribune.rooms.RoomOccupants.Hand;
import dev.tribune.rooms.RoomOccupants.Occupant;
import dev.tribune.rooms.RoomOccupants.PanelMember;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Room detail and the audience list. Detail reads the room row, the panel and (for HOST and MODERATORs) the raised
 * hands through their partial indexes; the audience, which can be tens of thousands, is only ever paged.
 */
@Service
class RoomDetails {

    private static final int MAX_RAISED_HANDS = 200;

    private final RoomOccupants occupants;
    private final RoomAccess access;
    private final UserDirectory users;
    private final ClubDirectory clubs;
    private final RoomCards cards;
    private final Reminders reminders;

    RoomDetails(RoomOccupants occupants, RoomAccess access, UserDirectory users, ClubDirectory clubs, RoomCards cards,
            Reminders reminders) {
        this.reminders = reminders;
        this.occupants = occupants;
        this.access = access;
        this.users = users;
        this.clubs = clubs;
        this.cards = cards;
    }

    @Transactional(readOnly = true)
    RoomDetail detail(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        Room room = access.requireVisible(roomId, caller, inviteCode);
        Occupant me = occupants.find(roomId, caller.id()).orElse(null);
        boolean staff = me != null && me.staff();
        List<PanelMember> panel = occupants.panel(roomId);
        List<Hand> hands = !staff ? List.of() : occupants.raisedHands(roomId, MAX_RAISED_HANDS);

        List<UUID> people = new ArrayList<>();
        panel.forEach(p -> people.add(p.userId()));
        hands.forEach(h -> people.add(h.userId()));
        Map<UUID, UserRef> names = users.findAll(people);
        Map<UUID, String> clubNames = room.clubId() == null ? Map.of() : clubs.names(List.of(room.clubId()));

        return new RoomDetail(room.id(), room.name(), room.description(), cards.club(room, clubNames), room.visibility(),
                room.status(),
                panel.stream().map(p -> new StageSeat(p.userId(), displayName(names, p.userId()), p.role(), p.muted())).toList(),
                room.speakerCount(), room.participantCount(), room.audienceCount(), room.startedAt(), room.scheduledFor(),
                room.endedAt(), room.provider(), new Settings(room.chatMode(), room.slowModeSeconds()),
                staff ? hands.stream().map(h -> new RaisedHand(h.userId(), displayName(names, h.userId()), h.raisedAt())).toList()
                        : null,
                me == null ? null
                        : new Me(me.role(), me.handRaisedAt() != null, me.muted(), me.forcedMute(), me.invitedAt() != null, me.chatMuted()),
                me != null && me.host() && room.visibility() == Visibility.PRIVATE ? room.inviteCode() : null,
                !caller.guest() && reminders.isReminded(roomId, caller.id()));
    }

    @Transactional(readOnly = true)
    Page<Listener> audience(AuthenticatedUser caller, UUID roomId, String inviteCode, int limit, String cursor) {
        access.requireVisible(roomId, caller, inviteCode);
        Cursors.Key after = Cursors.key(cursor, "audience", new Cursors.Key(Instant.EPOCH, new UUID(0, 0)));
        List<AudienceMember> rows = occupants.audience(roomId, after.at(), after.id(), limit + 1);
        Map<UUID, UserRef> names = users.findAll(rows.stream().map(AudienceMember::userId).toList());
        return Page.of(rows, limit, last -> Cursors.encode("audience", last.joinedAt(), last.userId()),
                row -> new Listener(row.userId(), displayName(names, row.userId()), row.joinedAt()));
    }

    private static String displayName(Map<UUID, UserRef> names, UUID userId) {
        UserRef user = names.get(userId);
        return user == null ? null : user.displayName();
    }
}
