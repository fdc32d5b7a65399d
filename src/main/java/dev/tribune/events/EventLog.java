package dev.tribune.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reads of the room event log and of who is on a room's panel, for replay and fan-out. */
@Component
class EventLog {

    private final JdbcClient jdbc;
    private final EventsProperties properties;
    private final Clock clock;

    EventLog(JdbcClient jdbc, EventsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Keeps at least the newest {@code retain-events} per room and everything younger than {@code retain-for}. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetOldEvents() {
        jdbc.sql("""
                DELETE FROM room_events e USING rooms r
                WHERE e.room_id = r.id AND e.seq <= r.event_seq - ? AND e.created_at < ?""")
                .params(properties.retainEvents(), Timestamp.from(clock.instant().minus(properties.retainFor())))
                .update();
    }

    List<StoredEvent> after(UUID roomId, long afterSeq, long upToSeq, int limit) {
        return jdbc.sql("SELECT " + StoredEvent.COLUMNS + " FROM room_events WHERE room_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
                .params(roomId, afterSeq, upToSeq, limit).query(StoredEvent::map).list();
    }

    /**
     * A replay's events: those that may concern a subscriber with {@code role}, a superset of what they may see
     * ({@link EventAudience#admits} decides). In a large room most of the log is the staff's (every listener's
     * arrival), and a listener resuming after their own join would otherwise read all of it to keep none.
     */
    List<StoredEvent> afterFor(UUID roomId, long afterSeq, long upToSeq, int limit, UUID userId, String role) {
        if (isStaff(role)) {
            return jdbc.sql("SELECT " + StoredEvent.COLUMNS + " FROM room_events WHERE room_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
                    .params(roomId, afterSeq, upToSeq, limit).query(StoredEvent::map).list();
        }
        // audience <> 'STAFF' matches room_events_unstaffed_idx: a listener resuming in a large room steps over the
        // crowd's staff-only arrivals and departures in the index instead of reading and dropping each row
        return jdbc.sql("SELECT " + StoredEvent.COLUMNS + """
                 FROM room_events WHERE room_id = ? AND seq > ? AND seq <= ? AND audience <> 'STAFF'
                    AND (audience = 'EVERYONE' OR audience_role = ? OR ? = ANY (audience_user_ids))
                ORDER BY seq LIMIT ?""")
                .params(roomId, afterSeq, upToSeq, role, userId, limit).query(StoredEvent::map).list();
    }

    long currentSeq(UUID roomId) {
        return jdbc.sql("SELECT event_seq FROM rooms WHERE id = ?").param(roomId).query(Long.class).optional().orElse(0L);
    }

    /** The oldest seq still kept for the room, or null when none is kept. */
    Long oldestKept(UUID roomId) {
        return jdbc.sql("SELECT min(seq) FROM room_events WHERE room_id = ?").param(roomId).query(Long.class).single();
    }

    /** The roles of the room's panel; everyone else in the room is AUDIENCE. */
    Map<UUID, String> panelRoles(UUID roomId) {
        return jdbc.sql("SELECT user_id, role FROM participants WHERE room_id = ? AND role <> 'AUDIENCE' AND left_at IS NULL")
                .param(roomId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * What a subscribe needs to know, in one query: the log's end, the subscriber's role in the room (null when they
     * are not in it), and, when they resume from a seq, the oldest seq still kept (null when none is) and the last
     * seq after it that is not staff-only and may concern them (null when none: a listener resuming in a large room
     * where only the crowd's arrivals happened since has nothing to replay, and is spared the replay's query).
     */
    record SubscriberView(long currentSeq, String role, Long oldestKept, Long lastUnstaffed) {

        boolean inRoom() {
            return role != null;
        }

        /** Whether events after {@code since} may concern the subscriber: the replay is worth reading. */
        boolean hasReplayAfter(long since) {
            return isStaff(role) ? since < currentSeq : lastUnstaffed != null;
        }
    }

    static boolean isStaff(String role) {
        return "HOST".equals(role) || "MODERATOR".equals(role);
    }

    /** {@code resumeAfter}: the seq the subscriber resumes after, or null for a fresh subscribe (nothing replayed). */
    SubscriberView subscriberView(UUID roomId, UUID userId, Long resumeAfter) {
        boolean resuming = resumeAfter != null;
        return jdbc.sql("""
                SELECT r.event_seq, p.role,
                    CASE WHEN ? THEN (SELECT min(e.seq) FROM room_events e WHERE e.room_id = r.id) END AS oldest,
                    CASE WHEN ? THEN (SELECT max(e.seq) FROM room_events e
                                      WHERE e.room_id = r.id AND e.seq > ? AND e.audience <> 'STAFF'
                                        AND (e.audience = 'EVERYONE' OR e.audience_role = p.role OR p.user_id = ANY (e.audience_user_ids)))
                    END AS last_unstaffed
                FROM rooms r LEFT JOIN participants p ON p.room_id = r.id AND p.user_id = ? AND p.left_at IS NULL
                WHERE r.id = ?""")
                .params(resuming, resuming, resuming ? resumeAfter : 0L, userId, roomId)
                .query((rs, n) -> new SubscriberView(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getObject(4, Long.class)))
                .optional().orElse(new SubscriberView(0, null, null, null));
    }
}
