package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"tribune.rtc.mesh.max-participants=2", "tribune.rtc.mesh.max-speakers=2"})
class RoomFullTest extends ApiTest {

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
}
