package dev.tribune.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code notification_settings} rows: which kinds a person also wants pushed. The only writer of the table. */
@Component
class NotificationSettings {

    /** The API's view (API.md): every kind is pushed until the person says otherwise. */
    record Settings(boolean roomLive, boolean roomStarting, boolean followedSpeaking, boolean moderation) {
        static final Settings ALL = new Settings(true, true, true, true);
    }

    private final JdbcClient jdbc;

    NotificationSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Settings of(UUID userId) {
        return jdbc.sql("SELECT room_live, room_starting, followed_speaking, moderation FROM notification_settings WHERE user_id = ?")
                .param(userId)
                .query((rs, n) -> new Settings(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)))
                .optional().orElse(Settings.ALL);
    }

    void save(UUID userId, Settings settings, Instant now) {
        jdbc.sql("""
                INSERT INTO notification_settings (user_id, room_live, room_starting, followed_speaking, moderation, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET room_live = EXCLUDED.room_live, room_starting = EXCLUDED.room_starting,
                    followed_speaking = EXCLUDED.followed_speaking, moderation = EXCLUDED.moderation, updated_at = EXCLUDED.updated_at""")
                .params(userId, settings.roomLive(), settings.roomStarting(), settings.followedSpeaking(), settings.moderation(),
                        Timestamp.from(now))
                .update();
    }

    void forget(UUID userId) {
        jdbc.sql("DELETE FROM notification_settings WHERE user_id = ?").param(userId).update();
    }
}
