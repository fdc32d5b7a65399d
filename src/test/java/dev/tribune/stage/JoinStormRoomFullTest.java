package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import dev.tribune.stage.JoinStorm.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A join storm into a room with a cap: everyone ends admitted or told the room is full, in a context of its own. */
@TestPropertySource(properties = {"tribune.rooms.joins.in-flight=2", "tribune.rooms.joins.max-wait=1s",
        "tribune.rooms.joins.max-queue=20", "tribune.rtc.mesh.max-participants=20"})
class JoinStormRoomFullTest extends ApiTest {

    @Test
    void aStormIntoASmallRoomEndsWithItFullAndEveryoneElseToldSo() throws Exception {
        Session host = register("fullstormhost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Small storm"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        List<Session> people = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            people.add(guest());
        }

        List<List<Answer>> answers;
        try (JoinStorm joins = new JoinStorm(port)) {
            answers = joins.storm(people, room);
        }

        int admitted = 0;
        int full = 0;
        for (List<Answer> mine : answers) {
            for (Answer answer : mine) {
                assertThat(answer.status()).as("every answer is 200, 409 or 429: %s", answer).isIn(200, 409, 429);
            }
            Answer last = mine.getLast();
            if (last.status() == 200) {
                admitted++;
            } else {
                assertThat(last.type()).as("%s", mine).isEqualTo("/problems/room-full");
                full++;
            }
            JoinStormTest.assertQueuedAnswersKeepThePlace(mine.subList(0, mine.size() - 1));
        }
        assertThat(admitted).as("the HOST and 19 others fill the room of 20").isEqualTo(19);
        assertThat(full).isEqualTo(61);
    }
}
