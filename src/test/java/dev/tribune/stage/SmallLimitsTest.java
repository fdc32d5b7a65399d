package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Limits small enough to reach in a test, in a context of their own. */
@TestPropertySource(properties = {"tribune.rtc.mesh.max-participants=2", "tribune.rtc.mesh.max-speakers=2",
        "tribune.chat.per-room-permits=3", "tribune.chat.per-room-window=1h"})
class SmallLimitsTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

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
    void moreJoiningAtOnceThanTheRoomHoldsAdmitsExactlyItsCapAndTellsTheOthersItIsFull() throws Exception {
        Session host = register("rushhost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Rush"), 201).get("id");
        List<Session> crowd = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            crowd.add(guest());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
            List<Future<Map<?, ?>>> answers = new ArrayList<>();
            for (Session who : crowd) {
                answers.add(pool.submit(() -> {
                    start.await();
                    var result = client.post().uri("/api/v1/rooms/" + room + "/join").header("Authorization", bearer(who))
                            .exchange().returnResult(Map.class);
                    return Map.of("status", result.getStatus().value(), "body", result.getResponseBody());
                }));
            }
            start.countDown();
            for (Future<Map<?, ?>> answer : answers) {
                Map<?, ?> got = answer.get(60, TimeUnit.SECONDS);
                statuses.add((Integer) got.get("status"));
                if ((Integer) got.get("status") == 409) {
                    refusals.add((String) ((Map<?, ?>) got.get("body")).get("type"));
                }
            }
        }
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(22);
        assertThat(refusals).containsOnly("/problems/room-full");
        Map<String, Object> counted = jdbc.sql("""
                SELECT participant_count, audience_count,
                       (SELECT count(*) FROM participants p WHERE p.room_id = r.id AND p.present) AS present,
                       (SELECT count(*) FROM room_events e WHERE e.room_id = r.id AND e.type = 'participant.joined') AS joined
                FROM rooms r WHERE r.id = ?::uuid""").param(room).query().singleRow();
        assertThat(counted).containsEntry("participant_count", 2).containsEntry("audience_count", 2)
                .containsEntry("present", 2L).containsEntry("joined", 2L);
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
