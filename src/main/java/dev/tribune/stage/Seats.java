package dev.tribune.stage;

import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomOccupants;
import dev.tribune.rooms.RoomStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code participants} table and the room's counters (participant, audience and speaker counts, the panel
 * preview, the last join), the one place that reads or writes them for the stage. The counters are columns on the
 * room row so that the hallway reads them without aggregating anyone; they move here, in the transaction that moves a
 * seat, so they never drift from the seats. Every change is conditional and says whether it changed a row: the
 * services emit their events only then. The callers hold the room row ({@code RoomLock}) before any change, as
 * every stage change does; the one lock taken here is a batch of arrivals' ({@link #holdForArrivals}), which reads
 * what it decides on in the same statement. It also answers the ports of the modules the stage depends on and
 * which therefore cannot call it: rooms' {@link RoomOccupants} and media's {@link ParticipantStateSource}.
 */
@Repository
class Seats implements ParticipantStateSource, RoomOccupants {

    /** In the room: joined, or seated on the panel by the room's creation, and not left since. */
    private static final String IN_ROOM = "left_at IS NULL";

    /** HOST first, then MODERATORs, then SPEAKERs, each longest-serving first. */
    static final String PANEL_ORDER = "CASE p.role WHEN 'HOST' THEN 0 WHEN 'MODERATOR' THEN 1 ELSE 2 END, p.role_since, p.user_id";

    static final int PREVIEW_SIZE = 6;

    private static final ParticipantState ABSENT = new ParticipantState(false, false, false);

    private final JdbcClient jdbc;

    Seats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A participant's row, in the room or not. */
    record Seat(StageRole role, boolean present, boolean leftDeliberately, boolean handRaised, boolean muted) {
    }

    /** Someone present in the room, with their role. */
    record PresentSeat(UUID userId, StageRole role) {
    }

    /** Someone present in a LIVE room, with the room's provider. */
    record LiveSeat(String provider, StageRole role) {
    }

    /** Someone the presence sweeper finds gone. */
    record Gone(UUID roomId, UUID userId, StageRole role) {
    }

    // ---- who is where

    Optional<StageRole> roleOf(UUID roomId, UUID userId) {
        return jdbc.sql("SELECT role FROM participants WHERE room_id = ? AND user_id = ? AND " + IN_ROOM)
                .params(roomId, userId).query(String.class).optional().map(StageRole::valueOf);
    }

    boolean inRoom(UUID roomId, UUID userId) {
        return roleOf(roomId, userId).isPresent();
    }

    @Override
    public boolean hasBeenIn(UUID roomId, UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM participants WHERE room_id = ? AND user_id = ?)")
                .params(roomId, userId).query(Boolean.class).single();
    }

    /** Whether a HOST or MODERATOR has muted them (empty when not in the room). */
    Optional<Boolean> forcedMute(UUID roomId, UUID userId) {
        return jdbc.sql("SELECT forced_mute FROM participants WHERE room_id = ? AND user_id = ? AND " + IN_ROOM)
                .params(roomId, userId).query(Boolean.class).optional();
    }

    /** Their role and chat mute, while in the room. */
    Optional<ChatSeats.ChatSeat> chatSeat(UUID roomId, UUID userId) {
        return jdbc.sql("SELECT role, chat_muted FROM participants WHERE room_id = ? AND user_id = ? AND " + IN_ROOM)
                .params(roomId, userId)
                .query((rs, n) -> new ChatSeats.ChatSeat(StageRole.valueOf(rs.getString(1)), rs.getBoolean(2))).optional();
    }

    /** The HOST role goes to a MODERATOR or SPEAKER who is present. */
    boolean mayTakeHost(UUID roomId, UUID userId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM participants WHERE room_id = ? AND user_id = ? AND present
                               AND role IN ('MODERATOR', 'SPEAKER'))""").params(roomId, userId).query(Boolean.class).single();
    }

    /** Which of these people are present in the room, and as what. */
    List<PresentSeat> present(UUID roomId, UUID first, UUID second) {
        return jdbc.sql("SELECT user_id, role FROM participants WHERE room_id = ? AND user_id IN (?, ?) AND present AND " + IN_ROOM)
                .params(roomId, first, second)
                .query((rs, n) -> new PresentSeat(rs.getObject(1, UUID.class), StageRole.valueOf(rs.getString(2)))).list();
    }

    /** Everyone in the room now (present or with a dropped socket not yet swept), whatever their role. */
    List<UUID> everyoneIn(UUID roomId) {
        return jdbc.sql("SELECT user_id FROM participants WHERE room_id = ? AND " + IN_ROOM).param(roomId).query(UUID.class).list();
    }

    /** Their seat in the room while it is LIVE, with its provider. */
    Optional<LiveSeat> inLiveRoom(UUID roomId, UUID userId) {
        return jdbc.sql("""
                SELECT r.provider, p.role FROM participants p JOIN rooms r ON r.id = p.room_id
                WHERE p.room_id = ? AND p.user_id = ? AND p.%s AND r.status = 'LIVE'""".formatted(IN_ROOM))
                .params(roomId, userId)
                .query((rs, n) -> new LiveSeat(rs.getString(1), StageRole.valueOf(rs.getString(2)))).optional();
    }

    /** Present, may publish, force-muted; all false when not (or no longer) in the room. */
    @Override
    public ParticipantState current(UUID roomId, UUID userId) {
        return jdbc.sql("SELECT present, role, forced_mute FROM participants WHERE room_id = ? AND user_id = ? AND " + IN_ROOM)
                .params(roomId, userId)
                .query((rs, n) -> new ParticipantState(rs.getBoolean(1), StageRole.valueOf(rs.getString(2)).canPublish(), rs.getBoolean(3)))
                .optional()
                .orElse(ABSENT);
    }

    // ---- what rooms asks (its room detail and audience page)

    @Override
    public Optional<Occupant> find(UUID roomId, UUID userId) {
        return jdbc.sql("""
                SELECT role, hand_raised_at, muted, forced_mute, invited_at, chat_muted FROM participants
                WHERE room_id = ? AND user_id = ? AND %s""".formatted(IN_ROOM))
                .params(roomId, userId)
                .query((rs, n) -> {
                    StageRole role = StageRole.valueOf(rs.getString(1));
                    return new Occupant(role.name(), role == StageRole.HOST, role.isStaff(), instant(rs.getTimestamp(2)),
                            rs.getBoolean(3), rs.getBoolean(4), instant(rs.getTimestamp(5)), rs.getBoolean(6));
                })
                .optional();
    }

    @Override
    public List<PanelMember> panel(UUID roomId) {
        return jdbc.sql("""
                SELECT p.user_id, p.role, p.muted FROM participants p
                WHERE p.room_id = ? AND p.role <> 'AUDIENCE' AND p.%s
                ORDER BY %s""".formatted(IN_ROOM, PANEL_ORDER))
                .param(roomId)
                .query((rs, n) -> new PanelMember(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)))
                .list();
    }

    @Override
    public List<Hand> raisedHands(UUID roomId, int limit) {
        return jdbc.sql("""
                SELECT user_id, hand_raised_at FROM participants
                WHERE room_id = ? AND hand_raised_at IS NOT NULL
                ORDER BY hand_raised_at, user_id LIMIT ?""")
                .params(roomId, limit)
                .query((rs, n) -> new Hand(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list();
    }

    @Override
    public List<AudienceMember> audience(UUID roomId, Instant joinedAt, UUID userId, int limit) {
        return jdbc.sql("""
                SELECT user_id, joined_at FROM participants
                WHERE room_id = ? AND present AND role = 'AUDIENCE' AND (joined_at, user_id) > (?, ?)
                ORDER BY joined_at, user_id LIMIT ?""")
                .params(roomId, ts(joinedAt), userId, limit)
                .query((rs, n) -> new AudienceMember(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list();
    }

    // ---- arriving and leaving

    /**
     * What a join reads before it queues for the room ({@link Arrivals}), in one statement: the room, the caller's
     * seat in it (none if they have never been in it), whether a ban keeps them out (of this room, or of its club's
     * rooms), their display name (null when the account is gone), the room's event seq as of that same moment, and
     * its open vendor room, if media made one ({@code ProviderRooms.find}, read here to save the join a round trip).
     */
    Optional<Entry> entry(UUID roomId, UUID userId) {
        return jdbc.sql("""
                SELECT %s, r.event_seq AS entry_seq,
                       p.role AS seat_role, p.present AS seat_present, p.left_deliberately AS seat_left_deliberately,
                       p.hand_raised_at IS NOT NULL AS seat_hand_raised, p.muted AS seat_muted,
                       %s AS entry_banned,
                       (SELECT u.display_name FROM users u WHERE u.id = :user AND u.deleted_at IS NULL) AS entry_name,
                       (SELECT v.provider_room_id FROM provider_rooms v WHERE v.room_id = r.id AND v.closed_at IS NULL)
                           AS entry_vendor_room
                FROM rooms r LEFT JOIN participants p ON p.room_id = r.id AND p.user_id = :user
                WHERE r.id = :room""".formatted(Room.COLUMNS, BANNED.formatted(":user")))
                .param("room", roomId).param("user", userId)
                .query((rs, n) -> new Entry(Room.map(rs, n),
                        rs.getString("seat_role") == null ? Optional.empty()
                                : Optional.of(new Seat(StageRole.valueOf(rs.getString("seat_role")), rs.getBoolean("seat_present"),
                                        rs.getBoolean("seat_left_deliberately"), rs.getBoolean("seat_hand_raised"), rs.getBoolean("seat_muted"))),
                        rs.getBoolean("entry_banned"), rs.getString("entry_name"), rs.getLong("entry_seq"),
                        Optional.ofNullable(rs.getString("entry_vendor_room")).map(id -> new ProviderRoom(roomId, id))))
                .optional();
    }

    /** A join's first read: see {@link #entry}. */
    record Entry(Room room, Optional<Seat> seat, boolean banned, String displayName, long roomSeq,
            Optional<ProviderRoom> providerRoom) {
    }

    /** Banned from room {@code r} (or its club's rooms): the user is {@code %s}. */
    private static final String BANNED = """
            EXISTS (SELECT 1 FROM bans b WHERE b.user_id = %s
                    AND ((b.scope = 'ROOM' AND b.room_id = r.id) OR (b.scope = 'CLUB' AND b.club_id = r.club_id)))""";

    /** The room row, held until the transaction ends, as a batch of arrivals finds it. */
    record HeldRoom(RoomStatus status, int present, long eventSeq) {
    }

    /**
     * Takes the room row for a batch of arrivals (as {@code RoomLock} does) and reads, under it, what decides them:
     * the room's status, how many are present, and its event seq (no event of the room can come in between now).
     */
    Optional<HeldRoom> holdForArrivals(UUID roomId) {
        return jdbc.sql("SELECT status, participant_count, event_seq FROM rooms WHERE id = ? FOR UPDATE").param(roomId)
                .query((rs, n) -> new HeldRoom(RoomStatus.valueOf(rs.getString(1)), rs.getInt(2), rs.getLong(3))).optional();
    }

    /** Someone about to arrive, as the room row's holder finds them: their seat, if they have one, and their ban. */
    record Newcomer(Optional<Seat> seat, boolean banned) {
    }

    /** {@link Newcomer}s by user, for each of {@code userIds}: one statement for a whole batch. */
    Map<UUID, Newcomer> newcomers(UUID roomId, Collection<UUID> userIds) {
        Map<UUID, Newcomer> found = new HashMap<>();
        jdbc.sql("""
                SELECT a.user_id, p.role, p.present, p.left_deliberately, p.hand_raised_at IS NOT NULL, p.muted, %s
                FROM rooms r CROSS JOIN unnest(?::uuid[]) AS a(user_id)
                LEFT JOIN participants p ON p.room_id = r.id AND p.user_id = a.user_id
                WHERE r.id = ?""".formatted(BANNED.formatted("a.user_id")))
                .params(userIds.toArray(UUID[]::new), roomId)
                .query((rs, n) -> found.put(rs.getObject(1, UUID.class), new Newcomer(rs.getString(2) == null ? Optional.empty()
                        : Optional.of(new Seat(StageRole.valueOf(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
                                rs.getBoolean(6))), rs.getBoolean(7))))
                .list();
        return found;
    }

    /** Someone to seat, present, as {@code role}. */
    record Arrival(UUID userId, StageRole role) {
    }

    /**
     * Seats everyone of a batch at once, and counts them: someone new to the room sits as given (the audience),
     * someone who has been in it returns as the role given, keeping when they got it if it did not change. Each
     * person once, none of them present before. Their seats as they are now.
     */
    Map<UUID, Seat> seatAll(UUID roomId, List<Arrival> arrivals, Instant at) {
        Map<UUID, Seat> seated = new HashMap<>();
        long audience = arrivals.stream().filter(a -> a.role() == StageRole.AUDIENCE).count();
        // seats and counters in one statement: the batch holds the room's row, so nothing comes in between
        jdbc.sql("""
                WITH seated AS (
                    INSERT INTO participants AS p (room_id, user_id, role, present, first_joined_at, joined_at, role_since)
                    SELECT ?, a.user_id, a.role, true, ?, ?, ? FROM unnest(?::uuid[], ?::text[]) AS a(user_id, role)
                    ON CONFLICT (room_id, user_id) DO UPDATE SET present = true, left_at = NULL, left_deliberately = false,
                        role = EXCLUDED.role,
                        role_since = CASE WHEN p.role = EXCLUDED.role THEN p.role_since ELSE EXCLUDED.role_since END,
                        joined_at = EXCLUDED.joined_at
                    RETURNING p.user_id, p.role, p.hand_raised_at IS NOT NULL AS hand_raised, p.muted),
                counted AS (
                    UPDATE rooms SET participant_count = participant_count + ?, audience_count = audience_count + ?,
                        last_joined_at = ?
                    WHERE id = ?)
                SELECT user_id, role, hand_raised, muted FROM seated""")
                .params(roomId, ts(at), ts(at), ts(at), arrivals.stream().map(Arrival::userId).toArray(UUID[]::new),
                        arrivals.stream().map(a -> a.role().name()).toArray(String[]::new),
                        arrivals.size(), audience, ts(at), roomId)
                .query((rs, n) -> seated.put(rs.getObject(1, UUID.class),
                        new Seat(StageRole.valueOf(rs.getString(2)), true, false, rs.getBoolean(3), rs.getBoolean(4))))
                .list();
        if (arrivals.stream().anyMatch(a -> a.role().onPanel())) {
            refreshPanel(roomId);
        }
        return seated;
    }

    /** Leaving on purpose: gives up a raised hand and an invitation. Their role, if they were in the room. */
    Optional<StageRole> depart(UUID roomId, UUID userId, Instant at) {
        Optional<StageRole> left = jdbc.sql("""
                UPDATE participants SET present = false, left_at = ?, left_deliberately = true, hand_raised_at = NULL,
                    invited_at = NULL
                WHERE room_id = ? AND user_id = ? AND %s
                RETURNING role""".formatted(IN_ROOM))
                .params(ts(at), roomId, userId)
                .query(String.class).optional().map(StageRole::valueOf);
        left.ifPresent(role -> {
            countDeparture(roomId, role);
            if (role.onPanel()) {
                refreshPanel(roomId);
            }
        });
        return left;
    }

    /**
     * Removed (and perhaps banned) by staff: back to the audience and out of the room. Whether they were present, if
     * they were in the room; {@code theirs} is their role before.
     */
    Optional<Boolean> remove(UUID roomId, UUID userId, StageRole theirs, Instant at) {
        Optional<Boolean> wasPresent = jdbc.sql("""
                UPDATE participants p SET present = false, left_at = ?, left_deliberately = true, role = 'AUDIENCE',
                    hand_raised_at = NULL, invited_at = NULL
                FROM participants before
                WHERE p.room_id = ? AND p.user_id = ? AND p.%s
                  AND before.room_id = p.room_id AND before.user_id = p.user_id
                RETURNING before.present""".formatted(IN_ROOM))
                .params(ts(at), roomId, userId).query(Boolean.class).optional();
        if (wasPresent.isPresent() && wasPresent.get()) {
            countDeparture(roomId, theirs);
        }
        if (theirs != null && theirs.onPanel()) {
            refreshPanel(roomId);
        }
        return wasPresent;
    }

    /**
     * Present participants with neither a socket nor the provider vouching for them since {@code :before}. Their last
     * sign of life is when their socket closed, or when the lease of the instance holding it ran out. Those who were
     * still within their grace when the whole deployment went down ({@code :shieldFrom}) count as seen when it came
     * back ({@code :shieldUntil}): an outage is not their absence.
     */
    private static final String GONE = """
            FROM participants p LEFT JOIN instance_leases l ON l.instance_id = p.socket_instance_id
            CROSS JOIN LATERAL (SELECT CASE WHEN p.socket_instance_id IS NULL THEN coalesce(p.socket_seen_at, p.joined_at)
                                            ELSE l.expires_at END AS at) last_seen
            WHERE %s p.present AND NOT p.provider_connected AND (p.provider_seen_at IS NULL OR p.provider_seen_at < :before)
              AND (p.socket_instance_id IS NULL OR l.expires_at IS NOT NULL)
              AND (CASE WHEN last_seen.at > :shieldFrom AND last_seen.at < :shieldUntil THEN :shieldUntil ELSE last_seen.at END) < :before
            """;

    /** The rooms with someone gone (see {@link #GONE}). */
    List<UUID> roomsWithGone(Instant before, Timestamp shieldFrom, Timestamp shieldUntil) {
        return jdbc.sql("SELECT DISTINCT p.room_id " + GONE.formatted("") + " LIMIT 5000")
                .param("before", ts(before)).param("shieldFrom", shieldFrom).param("shieldUntil", shieldUntil)
                .query(UUID.class).list();
    }

    /** Those gone from this room (see {@link #GONE}). */
    List<Gone> gone(UUID roomId, Instant before, Timestamp shieldFrom, Timestamp shieldUntil) {
        return jdbc.sql("SELECT p.room_id, p.user_id, p.role " + GONE.formatted("p.room_id = :room AND"))
                .param("room", roomId).param("before", ts(before))
                .param("shieldFrom", shieldFrom).param("shieldUntil", shieldUntil)
                .query((rs, n) -> new Gone(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), StageRole.valueOf(rs.getString(3))))
                .list();
    }

    /** LIVE rooms whose HOST left (deliberately or not) before {@code before}. */
    List<UUID> hostless(Instant before) {
        return jdbc.sql("""
                SELECT r.id FROM rooms r
                WHERE r.status = 'LIVE' AND EXISTS (SELECT 1 FROM participants h WHERE h.room_id = r.id AND h.role = 'HOST'
                                                      AND NOT h.present AND h.left_at < ?)
                LIMIT 5000""").param(ts(before)).query(UUID.class).list();
    }

    /** Gone without leaving: a dropped connection keeps the role only through the grace; the HOST keeps the room. */
    void markGone(Gone g, Instant now) {
        jdbc.sql("""
                UPDATE participants SET present = false, left_deliberately = false, socket_instance_id = NULL,
                    -- they went when last seen, not when the sweeper noticed
                    left_at = least(greatest(coalesce(socket_seen_at, joined_at), provider_seen_at), ?),
                    hand_raised_at = NULL, role = CASE WHEN role = 'HOST' THEN 'HOST' ELSE 'AUDIENCE' END
                WHERE room_id = ? AND user_id = ?""").params(ts(now), g.roomId(), g.userId()).update();
        countDeparture(g.roomId(), g.role());
    }

    /** Gone, not merely not yet arrived: no HOST or MODERATOR present, in the room, or left since {@code since}. */
    boolean unattended(UUID roomId, Instant since) {
        return jdbc.sql("""
                SELECT NOT EXISTS (SELECT 1 FROM participants WHERE room_id = ? AND role IN ('HOST', 'MODERATOR')
                                   AND (present OR %s OR left_at >= ?))""".formatted(IN_ROOM))
                .params(roomId, ts(since)).query(Boolean.class).single();
    }

    Optional<UUID> absentHost(UUID roomId) {
        return jdbc.sql("SELECT user_id FROM participants WHERE room_id = ? AND role = 'HOST' AND NOT present AND left_at IS NOT NULL")
                .param(roomId).query(UUID.class).optional();
    }

    Optional<UUID> longestServingModerator(UUID roomId) {
        return jdbc.sql("""
                SELECT user_id FROM participants WHERE room_id = ? AND role = 'MODERATOR' AND present
                ORDER BY role_since, user_id LIMIT 1""").param(roomId).query(UUID.class).optional();
    }

    /** Applies a provider's (dis)connection report if it is newer than the last one applied; whether it was. */
    boolean providerReport(UUID roomId, UUID userId, Instant at, boolean connected) {
        // on equal times the disconnect wins: vendors with one-second timestamps can report a join and a leave at once,
        // and wrongly thinking someone gone costs only the grace period (their socket may still hold them)
        String newer = connected ? "provider_seen_at < ?" : "provider_seen_at <= ?";
        return jdbc.sql("""
                UPDATE participants SET provider_connected = ?, provider_seen_at = ?
                WHERE room_id = ? AND user_id = ? AND (provider_seen_at IS NULL OR %s)""".formatted(newer))
                .params(connected, ts(at), roomId, userId, ts(at)).update() == 1;
    }

    void providerRoomClosed(UUID roomId, Instant at) {
        jdbc.sql("""
                UPDATE participants SET provider_connected = false, provider_seen_at = ?
                WHERE room_id = ? AND provider_connected AND provider_seen_at < ?""")
                .params(ts(at), roomId, ts(at)).update();
    }

    /** Seats someone on the panel without their joining (not present until they do): a new room's HOST, demo panels. */
    void seat(UUID roomId, UUID userId, StageRole role, Instant since) {
        jdbc.sql("""
                INSERT INTO participants (room_id, user_id, role, present, first_joined_at, joined_at, role_since)
                VALUES (?, ?, ?, false, ?, ?, ?)""")
                .params(roomId, userId, role.name(), ts(since), ts(since), ts(since))
                .update();
    }

    // ---- hands and invitations

    boolean raiseHand(UUID roomId, UUID userId, Instant at) {
        return jdbc.sql("""
                UPDATE participants SET hand_raised_at = ? WHERE room_id = ? AND user_id = ? AND role = 'AUDIENCE'
                AND hand_raised_at IS NULL AND %s""".formatted(IN_ROOM))
                .params(ts(at), roomId, userId).update() == 1;
    }

    boolean lowerHand(UUID roomId, UUID userId) {
        return jdbc.sql("UPDATE participants SET hand_raised_at = NULL WHERE room_id = ? AND user_id = ? AND hand_raised_at IS NOT NULL")
                .params(roomId, userId).update() == 1;
    }

    /** An invited member of the audience takes the stage, muted. */
    boolean acceptInvitation(UUID roomId, UUID userId, Instant at) {
        return toSpeaker(roomId, userId, at, "invited_at IS NOT NULL");
    }

    /** A raised hand is approved: SPEAKER at once, muted. */
    boolean approveHand(UUID roomId, UUID userId, Instant at) {
        return toSpeaker(roomId, userId, at, "hand_raised_at IS NOT NULL");
    }

    private boolean toSpeaker(UUID roomId, UUID userId, Instant at, String condition) {
        int promoted = jdbc.sql("""
                UPDATE participants SET role = 'SPEAKER', role_since = ?, hand_raised_at = NULL, invited_at = NULL, muted = true
                WHERE room_id = ? AND user_id = ? AND role = 'AUDIENCE' AND %s AND %s""".formatted(condition, IN_ROOM))
                .params(ts(at), roomId, userId).update();
        if (promoted == 1) {
            leftAudience(roomId, userId);
            refreshPanel(roomId);
        }
        return promoted == 1;
    }

    boolean invite(UUID roomId, UUID userId, UUID by, Instant at) {
        return jdbc.sql("""
                UPDATE participants SET invited_at = ?, invited_by = ?
                WHERE room_id = ? AND user_id = ? AND role = 'AUDIENCE' AND invited_at IS NULL AND %s""".formatted(IN_ROOM))
                .params(ts(at), by, roomId, userId).update() == 1;
    }

    void withdrawInvitation(UUID roomId, UUID userId) {
        jdbc.sql("UPDATE participants SET invited_at = NULL, invited_by = NULL WHERE room_id = ? AND user_id = ?")
                .params(roomId, userId).update();
    }

    // ---- roles

    /** A SPEAKER back to the audience, muted. */
    boolean toAudience(UUID roomId, UUID userId, Instant at) {
        int demoted = jdbc.sql("""
                UPDATE participants SET role = 'AUDIENCE', role_since = ?, muted = true
                WHERE room_id = ? AND user_id = ? AND role = 'SPEAKER' AND %s""".formatted(IN_ROOM))
                .params(ts(at), roomId, userId).update();
        if (demoted == 1) {
            joinedAudience(roomId, userId);
            refreshPanel(roomId);
        }
        return demoted == 1;
    }

    /** A SPEAKER or member of the audience becomes MODERATOR; {@code before} is their role now. */
    boolean makeModerator(UUID roomId, UUID userId, StageRole before, Instant at) {
        int changed = jdbc.sql("""
                UPDATE participants SET role = 'MODERATOR', role_since = ?, hand_raised_at = NULL, invited_at = NULL
                WHERE room_id = ? AND user_id = ? AND role IN ('SPEAKER', 'AUDIENCE') AND %s""".formatted(IN_ROOM))
                .params(ts(at), roomId, userId).update();
        if (changed == 1) {
            if (before == StageRole.AUDIENCE) {
                leftAudience(roomId, userId);
            }
            refreshPanel(roomId);
        }
        return changed == 1;
    }

    boolean unmakeModerator(UUID roomId, UUID userId, Instant at) {
        int changed = jdbc.sql("UPDATE participants SET role = 'SPEAKER', role_since = ? WHERE room_id = ? AND user_id = ? AND role = 'MODERATOR'")
                .params(ts(at), roomId, userId).update();
        if (changed == 1) {
            refreshPanel(roomId);
        }
        return changed == 1;
    }

    /** The HOST hands the room on and becomes MODERATOR. */
    void handOver(UUID roomId, UUID host, UUID successor, Instant at) {
        // one HOST per room (a unique index): step down first, then hand over
        jdbc.sql("UPDATE participants SET role = 'MODERATOR', role_since = ? WHERE room_id = ? AND user_id = ? AND role = 'HOST'")
                .params(ts(at), roomId, host).update();
        jdbc.sql("UPDATE participants SET role = 'HOST', role_since = ? WHERE room_id = ? AND user_id = ?")
                .params(ts(at), roomId, successor).update();
        refreshPanel(roomId);
    }

    /** An absent HOST's role passes to {@code successor}; the sweep refreshes the panel once it is done. */
    void passHost(UUID roomId, UUID absentHost, UUID successor, Instant at) {
        jdbc.sql("UPDATE participants SET role = 'MODERATOR', role_since = ? WHERE room_id = ? AND user_id = ?")
                .params(ts(at), roomId, absentHost).update();
        jdbc.sql("UPDATE participants SET role = 'HOST', role_since = ? WHERE room_id = ? AND user_id = ?")
                .params(ts(at), roomId, successor).update();
    }

    // ---- mutes

    /** Mutes, or (forced) turns a mute into a forced one; whether anything changed. */
    boolean mute(UUID roomId, UUID userId, boolean forced) {
        return jdbc.sql("""
                UPDATE participants SET muted = true, forced_mute = forced_mute OR ?
                WHERE room_id = ? AND user_id = ? AND (NOT muted OR (? AND NOT forced_mute))""")
                .params(forced, roomId, userId, forced).update() == 1;
    }

    boolean unmute(UUID roomId, UUID userId) {
        return jdbc.sql("UPDATE participants SET muted = false WHERE room_id = ? AND user_id = ? AND muted AND NOT forced_mute")
                .params(roomId, userId).update() == 1;
    }

    boolean liftForcedMute(UUID roomId, UUID userId) {
        return jdbc.sql("UPDATE participants SET forced_mute = false WHERE room_id = ? AND user_id = ? AND forced_mute")
                .params(roomId, userId).update() == 1;
    }

    /** Whether the chat mute changed: muting twice (two moderators at once) changes it once. */
    boolean chatMute(UUID roomId, UUID userId, boolean muted) {
        return jdbc.sql("UPDATE participants SET chat_muted = ? WHERE room_id = ? AND user_id = ? AND chat_muted <> ? AND " + IN_ROOM)
                .params(muted, roomId, userId, muted).update() == 1;
    }

    // ---- the room's counters

    /** Keeps the hallway summary (panel preview of up to six, speaker count) in step with the panel. */
    void refreshPanel(UUID roomId) {
        jdbc.sql("""
                UPDATE rooms r SET
                    panel_preview = coalesce((
                        SELECT jsonb_agg(jsonb_build_object('userId', s.user_id, 'displayName', s.display_name, 'role', s.role)
                                         ORDER BY s.rank)
                        FROM (SELECT p.user_id, u.display_name, p.role, row_number() OVER (ORDER BY %1$s) AS rank
                              FROM participants p JOIN users u ON u.id = p.user_id
                              WHERE p.room_id = r.id AND p.role <> 'AUDIENCE' AND p.%3$s
                              ORDER BY %1$s LIMIT %2$d) s), '[]'::jsonb),
                    speaker_count = (SELECT count(*) FROM participants p
                                     WHERE p.room_id = r.id AND p.role <> 'AUDIENCE' AND p.%3$s)
                WHERE r.id = ?""".formatted(PANEL_ORDER, PREVIEW_SIZE, IN_ROOM))
                .param(roomId)
                .update();
    }

    private void countDeparture(UUID roomId, StageRole role) {
        jdbc.sql("""
                UPDATE rooms SET participant_count = greatest(participant_count - 1, 0),
                    audience_count = greatest(audience_count - CASE WHEN ? THEN 1 ELSE 0 END, 0)
                WHERE id = ?""").params(role == StageRole.AUDIENCE, roomId).update();
    }

    /** Someone left the panel for the audience: one more in it, if they are present. */
    private void joinedAudience(UUID roomId, UUID userId) {
        jdbc.sql("UPDATE rooms SET audience_count = audience_count + CASE WHEN (SELECT present FROM participants "
                + "WHERE room_id = ? AND user_id = ?) THEN 1 ELSE 0 END WHERE id = ?").params(roomId, userId, roomId).update();
    }

    /** A member of the audience went onto the panel: one fewer in the audience, if they were present. */
    private void leftAudience(UUID roomId, UUID userId) {
        jdbc.sql("UPDATE rooms SET audience_count = greatest(audience_count - CASE WHEN (SELECT present FROM participants "
                + "WHERE room_id = ? AND user_id = ?) THEN 1 ELSE 0 END, 0) WHERE id = ?").params(roomId, userId, roomId).update();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
