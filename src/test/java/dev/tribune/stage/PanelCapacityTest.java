package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The panel holds as many people as the room's provider carries (a mesh room: 8, its browsers sending to each other):
 * the promotion past that is refused with 409 {@code /problems/stage-full} and changes nothing, and once someone steps
 * down the next promotion goes through.
 */
class PanelCapacityTest extends ApiTest {

    private static final int MESH_PANEL = 8;

    @Test
    void aFullMeshPanelRefusesTheNextSpeakerUntilSomeoneStepsDown() {
        Session host = register("panelhost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Full stage"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        List<Session> speakers = new ArrayList<>();
        for (int i = 1; i < MESH_PANEL; i++) {
            Session speaker = joined(room, "speaker");
            call(PUT, "/api/v1/rooms/" + room + "/hand", speaker, null, 204);
            call(PUT, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), host, null, 204);
            speakers.add(speaker);
        }

        Session hopeful = joined(room, "hopeful");
        call(PUT, "/api/v1/rooms/" + room + "/hand", hopeful, null, 204);
        Map<String, Object> refused = call(PUT, "/api/v1/rooms/" + room + "/speakers/" + hopeful.userId(), host, null, 409);
        assertThat(refused.get("type")).isEqualTo("/problems/stage-full");
        assertThat((String) refused.get("detail")).contains("mesh rooms carry at most 8 people on the panel");
        assertThat(roleOf(room, hopeful)).isEqualTo("AUDIENCE");
        // nor by an invitation, nor by making them a moderator
        Session invitee = joined(room, "invitee");
        assertThat(call(PUT, "/api/v1/rooms/" + room + "/speakers/" + invitee.userId(), host, null, 409).get("type"))
                .isEqualTo("/problems/stage-full");
        assertThat(call(PUT, "/api/v1/rooms/" + room + "/moderators/" + invitee.userId(), host, null, 409).get("type"))
                .isEqualTo("/problems/stage-full");
        // a speaker already on the panel may still be made a moderator: the panel does not grow
        call(PUT, "/api/v1/rooms/" + room + "/moderators/" + speakers.getFirst().userId(), host, null, 204);

        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + speakers.getLast().userId(), speakers.getLast(), null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + hopeful.userId(), host, null, 204);
        assertThat(roleOf(room, hopeful)).isEqualTo("SPEAKER");
    }

    private Session joined(String room, String prefix) {
        Session who = register(prefix);
        call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        return who;
    }

    @SuppressWarnings("unchecked")
    private String roleOf(String room, Session who) {
        return (String) ((Map<String, Object>) get("/api/v1/rooms/" + room, who).get("me")).get("role");
    }
}
