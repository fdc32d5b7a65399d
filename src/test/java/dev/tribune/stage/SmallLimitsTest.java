package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Limits small enough to reach in a test, in a context of their own. */
@TestPropertySource(properties = {"tribune.rtc.mesh.max-participants=2", "tribune.rtc.mesh.max-speakers=2",
        "tribune.chat.per-room-permits=3", "tribune.chat.per-room-window=1h"})
class SmallLimitsTest extends ApiTest {

    @Test
    void aMeshRoomPastItsCapSaysSoAndPointsAtAnSfu() {
        Session host = register("fullhost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Small"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", register("second"), null, 200);
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + room + "/join", register("third"), null, 409);
        assertThat(refused.get("type")).isEqualTo("/problems/room-full");
        assertThat((String) refused.get("detail")).contains("SFU");
        // someone already in the room can always rejoin
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
    }

    @Test
    void aRoomsChatAsAWholeIsLimitedWhoeverSpeaks() {
        Session host = register("chatroomhost");
        Session guestOfHonour = register("chatroomguest");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Busy chat"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", guestOfHonour, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/messages", host, Map.of("text", "one"), 201);
        call(POST, "/api/v1/rooms/" + room + "/messages", guestOfHonour, Map.of("text", "two"), 201);
        call(POST, "/api/v1/rooms/" + room + "/messages", host, Map.of("text", "three"), 201);
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + room + "/messages", guestOfHonour, Map.of("text", "four"), 429);
        assertThat((String) refused.get("detail")).contains("busy");
    }
}
