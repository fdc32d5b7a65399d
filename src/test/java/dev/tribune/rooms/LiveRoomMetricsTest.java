package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import dev.tribune.shared.MetricsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live-room gauges count what the hallway shows: a room going live adds one, its host one on the panel, a
 * listener one in the audience; the room ending takes them away again.
 */
class LiveRoomMetricsTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aLiveRoomItsHostAndItsListenerAreCountedUntilTheRoomEnds() {
        LiveRoomMetrics metrics = new LiveRoomMetrics(dataSource, meters, new MetricsProperties(Duration.ofHours(1), Duration.ofSeconds(2)));
        metrics.sample();
        double rooms = gauge("tribune.rooms.live", null);
        double panel = gauge("tribune.rooms.participants", "panel");
        double audience = gauge("tribune.rooms.participants", "audience");

        Session host = register("gaugehost");
        Session listener = register("gaugelistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Counted"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        metrics.sample();

        assertThat(gauge("tribune.rooms.live", null)).isEqualTo(rooms + 1);
        assertThat(gauge("tribune.rooms.participants", "panel")).isEqualTo(panel + 1);
        assertThat(gauge("tribune.rooms.participants", "audience")).isEqualTo(audience + 1);

        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        metrics.sample();

        assertThat(gauge("tribune.rooms.live", null)).isEqualTo(rooms);
        assertThat(gauge("tribune.rooms.participants", "panel")).isEqualTo(panel);
        assertThat(gauge("tribune.rooms.participants", "audience")).isEqualTo(audience);
    }

    private double gauge(String name, String group) {
        return group == null ? meters.get(name).gauge().value() : meters.get(name).tag("group", group).gauge().value();
    }
}
