package dev.tribune.rooms;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises the changes to one room's stage. Every change that moves the panel or the counters takes the room
 * row first, so it reads roles and counts after the previous change committed: without it, a removal racing a
 * promotion could leave the speaker count counting someone no longer on the panel.
 */
@Component
public class RoomLock {

    private final JdbcClient jdbc;

    RoomLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the room row until the caller's transaction ends. */
    public void hold(UUID roomId) {
        jdbc.sql("SELECT id FROM rooms WHERE id = ? FOR UPDATE").param(roomId).query(UUID.class).optional();
    }
}
