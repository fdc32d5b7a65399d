package dev.tribune.notifications;

import dev.tribune.shared.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code push_devices} rows (FCM registration tokens): the only writer of the table. */
@Component
class PushDevices {

    enum Platform {
        WEB, ANDROID, IOS
    }

    private final JdbcClient jdbc;

    PushDevices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A token registered by someone else moves to {@code userId}: one browser, shared, is one device. */
    void register(UUID userId, String token, Platform platform, Instant now) {
        jdbc.sql("""
                INSERT INTO push_devices (id, user_id, token, platform, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, platform = EXCLUDED.platform,
                    last_seen_at = EXCLUDED.last_seen_at,
                    created_at = CASE WHEN push_devices.user_id = EXCLUDED.user_id THEN push_devices.created_at ELSE EXCLUDED.created_at END""")
                .params(Ids.newId(), userId, token, platform.name(), Timestamp.from(now), Timestamp.from(now)).update();
    }

    /** Only the caller's own token; someone else's is left alone. */
    void remove(UUID userId, String token) {
        jdbc.sql("DELETE FROM push_devices WHERE user_id = ? AND token = ?").params(userId, token).update();
    }

    /** Devices FCM said are gone. */
    void forget(Collection<UUID> deviceIds) {
        if (!deviceIds.isEmpty()) {
            jdbc.sql("DELETE FROM push_devices WHERE id = ANY(?::uuid[])")
                    .param(deviceIds.stream().map(UUID::toString).toArray(String[]::new)).update();
        }
    }

    void forgetAllOf(UUID userId) {
        jdbc.sql("DELETE FROM push_devices WHERE user_id = ?").param(userId).update();
    }
}
