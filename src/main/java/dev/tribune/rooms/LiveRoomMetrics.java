package dev.tribune.rooms;

import dev.tribune.shared.MetricsProperties;
import dev.tribune.shared.SampledGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Live rooms and the people in them, across all instances (read from the rooms' own counters, which the stage keeps
 * with every change): every instance shows the same numbers, so dashboards take their max, never their sum.
 */
@Component
class LiveRoomMetrics extends SampledGauges {

    private final Value rooms;
    private final Value panel;
    private final Value audience;

    LiveRoomMetrics(DataSource dataSource, MeterRegistry meters, MetricsProperties properties) {
        super("live-rooms", dataSource, meters, properties);
        this.rooms = gauge("tribune.rooms.live", "rooms live now (all instances)", null, Tags.empty());
        String participants = "people present in live rooms (all instances), by where they sit";
        this.panel = gauge("tribune.rooms.participants", participants, null, Tags.of("group", "panel"));
        this.audience = gauge("tribune.rooms.participants", participants, null, Tags.of("group", "audience"));
    }

    @Override
    protected void sample() {
        // the partial index rooms_live_idx holds exactly these rows
        jdbc.sql("""
                SELECT count(*), coalesce(sum(participant_count - audience_count), 0), coalesce(sum(audience_count), 0)
                FROM rooms WHERE status = 'LIVE'""")
                .query((ResultSet rs) -> {
                    rooms.set(rs.getLong(1));
                    panel.set(rs.getLong(2));
                    audience.set(rs.getLong(3));
                });
    }
}
