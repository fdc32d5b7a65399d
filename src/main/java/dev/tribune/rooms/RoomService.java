package dev.tribune.rooms;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.clubs.ClubDirectory;
import dev.tribune.clubs.ClubSummary;
import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.rooms.RoomDtos.CreateRoomRequest;
import dev.tribune.rooms.RoomDtos.UpdateRoomRequest;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Ids;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A room's life: created LIVE or SCHEDULED, started, edited, ended by its HOST or by itself. */
@Service
public class RoomService {

    private static final Logger log = LoggerFactory.getLogger(RoomService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final RoomAccess access;
    private final RoomOccupants occupants;
    private final ClubDirectory clubs;
    private final ProviderChoice providers;
    private final RoomsProperties properties;
    private final ApplicationEventPublisher events;
    private final RoomEvents roomEvents;
    private final Clock clock;

    RoomService(JdbcClient jdbc, RoomAccess access, RoomOccupants occupants, ClubDirectory clubs, ProviderChoice providers,
            RoomsProperties properties, ApplicationEventPublisher events, RoomEvents roomEvents, Clock clock) {
        this.roomEvents = roomEvents;
        this.jdbc = jdbc;
        this.access = access;
        this.occupants = occupants;
        this.clubs = clubs;
        this.providers = providers;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public UUID create(AuthenticatedUser caller, CreateRoomRequest request) {
        if (caller.guest()) {
            throw ApiException.forbidden("Guests cannot create rooms: sign up first.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Visibility visibility = request.visibility() == null ? Visibility.PUBLIC : request.visibility();
        ClubSummary club = null;
        if (request.clubId() != null) {
            club = clubs.find(request.clubId()).orElseThrow(() -> ApiException.invalid("clubId", "is not a known club"));
            if (clubs.roleOf(caller.id(), club.id()).isEmpty()) {
                throw ApiException.forbidden("Only the club's members can create rooms in it.");
            }
        } else if (visibility == Visibility.CLUB) {
            throw ApiException.invalid("clubId", "is required for a CLUB room");
        }
        Instant scheduledFor = request.scheduledFor();
        if (scheduledFor != null) {
            if (!scheduledFor.isAfter(now)) {
                throw ApiException.invalid("scheduledFor", "must be in the future");
            }
            if (scheduledFor.isAfter(now.plus(properties.maxScheduleAhead()))) {
                throw ApiException.invalid("scheduledFor", "must be at most " + properties.maxScheduleAhead().toDays() + " days ahead");
            }
            scheduledFor = scheduledFor.truncatedTo(ChronoUnit.MICROS);
        }
        String provider = providers.choose(request.provider());
        boolean live = scheduledFor == null;
        UUID id = Ids.newId();
        String name = request.name().strip();
        String description = request.description() == null ? "" : request.description().strip();
        jdbc.sql("""
                INSERT INTO rooms (id, name, description, club_id, visibility, status, created_by, provider, invite_code,
                                   scheduled_for, started_at, created_at, search_vector)
                VALUES (:id, :name, :description, :club, :visibility, :status, :creator, :provider, :invite,
                        :scheduledFor, :startedAt, :now, room_search_vector(:name, :description, :clubWords))""")
                .param("id", id).param("name", name).param("description", description)
                .param("club", club == null ? null : club.id())
                .param("visibility", visibility.name()).param("status", (live ? RoomStatus.LIVE : RoomStatus.SCHEDULED).name())
                .param("creator", caller.id()).param("provider", provider)
                .param("invite", visibility == Visibility.PRIVATE ? newInviteCode() : null)
                .param("scheduledFor", timestamp(scheduledFor)).param("startedAt", live ? timestamp(now) : null)
                .param("now", timestamp(now))
                .param("clubWords", club == null ? "" : club.name() + " " + club.topicName())
                .update();
        // the creator is HOST and sits on the panel from creation (the stage seats them); present once they join
        events.publishEvent(new RoomCreated(id, caller.id(), now));
        if (live) {
            events.publishEvent(new RoomWentLive(id, provider));
        }
        return id;
    }

    @Transactional
    void start(AuthenticatedUser caller, UUID roomId) {
        Room room = requireHost(caller, roomId);
        int started = jdbc.sql("UPDATE rooms SET status = 'LIVE', started_at = ? WHERE id = ? AND status = 'SCHEDULED'")
                .params(timestamp(clock.instant().truncatedTo(ChronoUnit.MICROS)), roomId).update();
        if (started == 0) {
            throw room.status() == RoomStatus.ENDED || currentStatus(roomId) == RoomStatus.ENDED
                    ? new ApiException(RoomProblems.ROOM_ENDED, "This room has ended.")
                    : ApiException.conflict("This room is already live.");
        }
        events.publishEvent(new RoomWentLive(roomId, room.provider()));
    }

    @Transactional
    void end(AuthenticatedUser caller, UUID roomId) {
        // platform staff end any room (a room gone bad with no moderator of its own); the audit log records it
        Room room = access.isPlatformStaff(caller) ? access.requireVisible(roomId, caller, null) : requireHost(caller, roomId);
        int ended = jdbc.sql("UPDATE rooms SET status = 'ENDED', ended_at = ?, ended_by = ? WHERE id = ? AND status <> 'ENDED'")
                .params(timestamp(clock.instant()), caller.id(), roomId).update();
        if (ended == 0) {
            throw new ApiException(RoomProblems.ROOM_ENDED, "This room has already ended.");
        }
        roomEnded(roomId, room.provider(), caller.id());
    }

    @Transactional
    void update(AuthenticatedUser caller, UUID roomId, UpdateRoomRequest request) {
        Room room = access.requireVisible(roomId, caller, null);
        if (!occupants.find(roomId, caller.id()).map(RoomOccupants.Occupant::staff).orElse(false) && !access.isPlatformStaff(caller)) {
            throw ApiException.forbidden("Only the room's HOST and MODERATORs can change it.");
        }
        if (room.status() == RoomStatus.ENDED) {
            throw new ApiException(RoomProblems.ROOM_ENDED, "This room has ended.");
        }
        String name = request.name() == null ? room.name() : request.name().strip();
        if (name.isEmpty()) {
            throw ApiException.invalid("name", "must not be blank");
        }
        String description = request.description() == null ? room.description() : request.description().strip();
        ChatMode chat = request.chat() == null ? room.chatMode() : request.chat();
        int slowMode = request.slowModeSeconds() == null ? room.slowModeSeconds() : request.slowModeSeconds();
        String clubWords = room.clubId() == null ? ""
                : clubs.find(room.clubId()).map(c -> c.name() + " " + c.topicName()).orElse("");
        jdbc.sql("""
                UPDATE rooms SET name = :name, description = :description, chat_mode = :chat, slow_mode_seconds = :slow,
                    search_vector = room_search_vector(:name, :description, :clubWords)
                WHERE id = :id""")
                .param("name", name).param("description", description).param("chat", chat.name()).param("slow", slowMode)
                .param("clubWords", clubWords).param("id", roomId)
                .update();
        roomEvents.append(roomId, new RoomChange.Updated(name, description, new RoomChange.Updated.Settings(chat, slowMode)),
                EventAudience.everyone());
    }

    /**
     * Every way a room ends comes through here once, inside the transaction that ended it: the log gets
     * {@code room.ended}, and {@link RoomEnded} goes to the modules that follow rooms (media closes the vendor room
     * through its outbox, in this same transaction).
     */
    private void roomEnded(UUID roomId, String provider, UUID by) {
        roomEvents.append(roomId, new RoomChange.Ended(by), EventAudience.everyone());
        events.publishEvent(new RoomEnded(roomId, provider, by));
    }

    /**
     * Rooms that end by themselves: SCHEDULED ones never started within the grace after their time, and LIVE ones
     * with nobody present that nobody has joined for the unused timeout. Safe on every instance at once: each
     * room's update is conditional, so it ends once.
     */
    @Scheduled(fixedDelayString = "${tribune.rooms.sweep-interval:30s}", initialDelayString = "${tribune.rooms.sweep-interval:30s}")
    @Transactional
    public void endAbandonedRooms() {
        Instant now = clock.instant();
        List<Ended> ended = jdbc.sql("""
                UPDATE rooms SET status = 'ENDED', ended_at = :now
                WHERE (status = 'SCHEDULED' AND scheduled_for < :scheduledBefore)
                   OR (status = 'LIVE' AND participant_count = 0 AND coalesce(last_joined_at, started_at) < :unusedBefore)
                RETURNING id, provider""")
                .param("now", timestamp(now))
                .param("scheduledBefore", timestamp(now.minus(properties.scheduledGrace())))
                .param("unusedBefore", timestamp(now.minus(properties.unusedTimeout())))
                .query((rs, n) -> new Ended(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        ended.forEach(room -> roomEnded(room.id(), room.provider(), null));
        if (!ended.isEmpty()) {
            log.info("Ended {} rooms that were never started or nobody used", ended.size());
        }
    }

    private record Ended(UUID id, String provider) {
    }

    /** Ends a LIVE room whose HOST and MODERATORs have all been gone past the grace period. */
    @Transactional
    void endUnattended(UUID roomId) {
        String provider = jdbc.sql("UPDATE rooms SET status = 'ENDED', ended_at = ? WHERE id = ? AND status = 'LIVE' RETURNING provider")
                .params(timestamp(clock.instant()), roomId).query(String.class).optional().orElse(null);
        if (provider != null) {
            roomEnded(roomId, provider, null);
        }
    }

    /**
     * Publishes {@code room.counts} for LIVE rooms whose counts moved since the last time; one instance at a time
     * (an advisory lock), at most once a second per room.
     */
    @Scheduled(fixedDelayString = "${tribune.rooms.counts-interval:1s}")
    @Transactional
    public void publishCounts() {
        boolean mine = jdbc.sql("SELECT pg_try_advisory_xact_lock(7362001)").query(Boolean.class).single();
        if (!mine) {
            return;
        }
        record Counts(UUID id, int participants, int speakers) {
        }
        jdbc.sql("""
                UPDATE rooms SET published_participant_count = participant_count, published_speaker_count = speaker_count
                WHERE status = 'LIVE' AND (participant_count <> published_participant_count OR speaker_count <> published_speaker_count)
                RETURNING id, participant_count, speaker_count""")
                .query((rs, n) -> new Counts(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3))).list()
                .forEach(c -> roomEvents.append(c.id(), new RoomChange.CountsChanged(c.participants(), c.speakers()),
                        EventAudience.everyone()));
    }

    private Room requireHost(AuthenticatedUser caller, UUID roomId) {
        Room room = access.requireVisible(roomId, caller, null);
        if (!occupants.find(roomId, caller.id()).map(RoomOccupants.Occupant::host).orElse(false)) {
            throw ApiException.forbidden("Only the room's HOST can do this.");
        }
        return room;
    }

    private RoomStatus currentStatus(UUID roomId) {
        return RoomStatus.valueOf(jdbc.sql("SELECT status FROM rooms WHERE id = ?").param(roomId).query(String.class).single());
    }

    /** 128 random bits: long enough that guessing one is hopeless. */
    private static String newInviteCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
