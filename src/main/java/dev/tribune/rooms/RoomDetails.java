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
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Page;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Room detail and the audience list. Detail reads the room row, the panel and (for HOST and MODERATORs) the raised
 * hands through their partial indexes; the audience, which can be tens of thousands, is only ever paged.
 */
@Service
class RoomDetails {

    private static final int MAX_RAISED_HANDS = 200;

    /** The panel as the hallway preview orders it (stage's Seats.PANEL_ORDER): HOST, MODERATORs, SPEAKERs. */
    private static final String PANEL_ORDER = "CASE p.role WHEN 'HOST' THEN 0 WHEN 'MODERATOR' THEN 1 ELSE 2 END, p.role_since, p.user_id";

    private static final Set<String> STAFF = Set.of("HOST", "MODERATOR");

    private final JdbcClient jdbc;
    private final RoomAccess access;
    private final UserDirectory users;
    private final ClubDirectory clubs;
    private final RoomCards cards;

    RoomDetails(JdbcClient jdbc, RoomAccess access, UserDirectory users, ClubDirectory clubs, RoomCards cards) {
        this.jdbc = jdbc;
        this.access = access;
        this.users = users;
        this.clubs = clubs;
        this.cards = cards;
    }

    private record Participant(UUID userId, String role, Instant handRaisedAt, boolean muted, boolean forcedMute,
            Instant invitedAt, boolean chatMuted) {
    }

    @Transactional(readOnly = true)
    RoomDetail detail(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        Room room = access.requireVisible(roomId, caller, inviteCode);
        Participant me = jdbc.sql("""
                SELECT user_id, role, hand_raised_at, muted, forced_mute, invited_at, chat_muted FROM participants
                WHERE room_id = ? AND user_id = ? AND left_at IS NULL""")
                .params(roomId, caller.id())
                .query((rs, n) -> new Participant(rs.getObject(1, UUID.class), rs.getString(2),
                        instant(rs.getTimestamp(3)), rs.getBoolean(4), rs.getBoolean(5), instant(rs.getTimestamp(6)), rs.getBoolean(7)))
                .optional().orElse(null);
        boolean staff = me != null && STAFF.contains(me.role());

        record PanelRow(UUID userId, String role, boolean muted) {
        }
        List<PanelRow> panel = jdbc.sql("""
                SELECT p.user_id, p.role, p.muted FROM participants p
                WHERE p.room_id = ? AND p.role <> 'AUDIENCE' AND p.left_at IS NULL
                ORDER BY %s""".formatted(PANEL_ORDER))
                .param(roomId)
                .query((rs, n) -> new PanelRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)))
                .list();
        record HandRow(UUID userId, Instant raisedAt) {
        }
        List<HandRow> hands = !staff ? List.of() : jdbc.sql("""
                SELECT user_id, hand_raised_at FROM participants
                WHERE room_id = ? AND hand_raised_at IS NOT NULL
                ORDER BY hand_raised_at, user_id LIMIT ?""")
                .params(roomId, MAX_RAISED_HANDS)
                .query((rs, n) -> new HandRow(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list();

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
                me != null && "HOST".equals(me.role()) && room.visibility() == Visibility.PRIVATE ? room.inviteCode() : null);
    }

    @Transactional(readOnly = true)
    Page<Listener> audience(AuthenticatedUser caller, UUID roomId, String inviteCode, int limit, String cursor) {
        access.requireVisible(roomId, caller, inviteCode);
        Cursors.Key after = Cursors.key(cursor, "audience", new Cursors.Key(Instant.EPOCH, new UUID(0, 0)));
        record Row(UUID userId, Instant joinedAt) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT user_id, joined_at FROM participants
                WHERE room_id = ? AND present AND role = 'AUDIENCE' AND (joined_at, user_id) > (?, ?)
                ORDER BY joined_at, user_id LIMIT ?""")
                .params(roomId, Timestamp.from(after.at()), after.id(), limit + 1)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list();
        Map<UUID, UserRef> names = users.findAll(rows.stream().map(Row::userId).toList());
        return Page.of(rows, limit, last -> Cursors.encode("audience", last.joinedAt(), last.userId()),
                row -> new Listener(row.userId(), displayName(names, row.userId()), row.joinedAt()));
    }

    private static String displayName(Map<UUID, UserRef> names, UUID userId) {
        UserRef user = names.get(userId);
        return user == null ? null : user.displayName();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
