package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sockets seen opening and closing, recorded in groups: every caller's own sighting is written when it returns. */
class SocketSightingsTest extends ApiTest {

    /** Within the default (mesh) provider's 40 places, with the host. */
    private static final int LISTENERS = 36;

    @Autowired
    SocketSightings sightings;

    @Autowired
    JdbcClient jdbc;

    @Test
    void manySocketsOpeningAtOnceAreEachRecordedBeforeTheirCallerGoesOnAndClosesLandAfterOpens() throws Exception {
        Session host = register("shost");
        UUID room = UUID.fromString((String) call(POST, "/api/v1/rooms", host, Map.of("name", "Sightings"), 201).get("id"));
        List<UUID> listeners = new ArrayList<>();
        for (int i = 0; i < LISTENERS; i++) {
            Session listener = guest();
            call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
            listeners.add(listener.userId());
        }
        UUID here = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            List<Future<Boolean>> seen = new ArrayList<>();
            for (UUID listener : listeners) {
                seen.add(threads.submit((Callable<Boolean>) () -> {
                    sightings.opened(room, listener, here, Instant.now());
                    // once the call returns, the row says so, whoever wrote the group
                    return here.equals(socketOf(room, listener));
                }));
            }
            for (Future<Boolean> f : seen) {
                assertThat(f.get()).as("recorded before the caller went on").isTrue();
            }
            List<Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < listeners.size(); i++) {
                UUID listener = listeners.get(i);
                boolean movedAway = i % 2 == 0;
                closes.add(threads.submit(() -> {
                    if (movedAway) {
                        // reconnected to another instance first: this instance's close must not clear it
                        sightings.opened(room, listener, elsewhere, Instant.now());
                    }
                    sightings.closed(room, listener, here, Instant.now());
                }));
            }
            for (Future<?> f : closes) {
                f.get();
            }
        }
        for (int i = 0; i < listeners.size(); i++) {
            assertThat(socketOf(room, listeners.get(i))).as("listener %d", i).isEqualTo(i % 2 == 0 ? elsewhere : null);
        }
    }

    private UUID socketOf(UUID room, UUID user) {
        return jdbc.sql("SELECT socket_instance_id FROM participants WHERE room_id = ? AND user_id = ?").params(room, user)
                .query(UUID.class).optional().orElse(null);
    }
}
