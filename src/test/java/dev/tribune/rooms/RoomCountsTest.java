package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RoomCountsTest extends RoomTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RoomService rooms;

    private long events(String room) {
        return jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = 'room.counts'").param(room).query(Long.class).single();
    }

    @Test
    void countsArePublishedOnlyWhenTheyChange() {
        Session host = register("counthost");
        String room = roomId(host, "Counted");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        rooms.publishCounts();
        long before = events(room);
        assertThat(before).isPositive();
        rooms.publishCounts();
        assertThat(events(room)).isEqualTo(before);
        call(POST, "/api/v1/rooms/" + room + "/join", register("countnew"), null, 200);
        rooms.publishCounts();
        assertThat(events(room)).isEqualTo(before + 1);
        Map<String, Object> last = jdbc.sql("SELECT payload->>'participantCount' AS participants, payload->>'speakerCount' AS speakers "
                + "FROM room_events WHERE room_id = ?::uuid AND type = 'room.counts' ORDER BY seq DESC LIMIT 1").param(room).query().singleRow();
        assertThat(last).containsEntry("participants", "2").containsEntry("speakers", "1");
    }
}
