package dev.tribune.notifications;

import dev.tribune.rooms.Room;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Remind me": ten minutes (or {@code tribune.notifications.reminders.before}) before a scheduled room's start, the
 * people who asked are told it is about to start; when it starts, {@link RoomNotices} tells them it has. Every
 * instance looks; the broadcast's key makes the first one's word the only one.
 */
@Component
class ReminderSchedule {

    private final NoticeService notices;
    private final ReminderProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReminderSchedule(NoticeService notices, ReminderProperties properties, JdbcClient jdbc, Clock clock) {
        this.notices = notices;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns how many rooms' reminders were sent now. */
    @Scheduled(fixedDelayString = "${tribune.notifications.reminders.interval:30s}")
    @Transactional
    int remindOfRoomsStartingSoon() {
        Instant now = clock.instant();
        // a room whose time has passed without its host starting it is still "about to start" until it starts
        List<Room> soon = jdbc.sql("""
                SELECT %s FROM rooms r
                WHERE r.status = 'SCHEDULED' AND r.scheduled_for <= ?
                  AND EXISTS (SELECT 1 FROM room_reminders m WHERE m.room_id = r.id)
                  AND NOT EXISTS (SELECT 1 FROM notice_broadcasts b WHERE b.broadcast_key = 'soon:' || r.id)
                ORDER BY r.scheduled_for LIMIT 500""".formatted(Room.COLUMNS))
                .param(Timestamp.from(now.plus(properties.before())))
                .query(Room::map).list();
        for (Room room : soon) {
            notices.tellAudience("soon:" + room.id(), NoticeKind.ROOM_STARTING, RoomNotices.starting(room, true),
                    new NoticeAudience.RemindedOf(room.id(), Set.of()));
        }
        return soon.size();
    }
}
