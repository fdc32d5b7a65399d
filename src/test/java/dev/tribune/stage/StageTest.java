package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class StageTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    Session host;
    Session listener;
    String room;

    @BeforeEach
    void aLiveRoom() {
        host = register("stagehost");
        listener = register("stagelistener");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Stage"), 201).get("id");
    }

    private Map<String, Object> join(Session who) {
        return call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
    }

    private Map<String, Object> detail(Session who) {
        return get("/api/v1/rooms/" + room, who);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private long events(String type) {
        return jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = ?").params(room, type).query(Long.class).single();
    }

    @Test
    void joiningMakesYouAudienceWithAGrantThatCannotPublishAndCountsYou() {
        Map<String, Object> joined = join(listener);
        @SuppressWarnings("unchecked")
        Map<String, Object> participant = (Map<String, Object>) joined.get("participant");
        assertThat(participant).containsOnlyKeys("userId", "role", "handRaised", "muted")
                .containsEntry("userId", listener.userId().toString()).containsEntry("role", "AUDIENCE").containsEntry("handRaised", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> media = (Map<String, Object>) joined.get("media");
        assertThat(media).containsEntry("provider", "mesh").containsEntry("canPublish", false).containsKey("expiresAt");
        @SuppressWarnings("unchecked")
        Map<String, Object> stream = (Map<String, Object>) joined.get("events");
        assertThat(stream).containsOnlyKeys("url", "roomSeq").containsEntry("url", "/ws");
        assertThat(((Number) stream.get("roomSeq")).longValue()).isPositive();

        Map<String, Object> seen = detail(host);
        assertThat(seen).containsEntry("participantCount", 1).containsEntry("audienceCount", 1);
        // the host joins too, and sits on the panel with a grant that can publish
        Map<String, Object> hostJoin = join(host);
        assertThat(((Map<?, ?>) hostJoin.get("media")).get("canPublish")).isEqualTo(true);
        assertThat(detail(host)).containsEntry("participantCount", 2).containsEntry("speakerCount", 1);
    }

    @Test
    void joiningTwiceAtOnceGivesOneParticipantAndOneCount() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> joins = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            joins.add(() -> {
                start.await();
                return client.post().uri("/api/v1/rooms/" + room + "/join").header("Authorization", bearer(listener))
                        .exchange().returnResult().getStatus().value();
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Integer>> results = joins.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        }
        assertThat(detail(host)).containsEntry("participantCount", 1).containsEntry("audienceCount", 1);
        assertThat(events("participant.joined")).isEqualTo(1);
    }

    @Test
    void aRaisedHandApprovedBecomesASpeakerAtOnceMuted() {
        join(listener);
        join(host);
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        List<?> hands = (List<?>) detail(host).get("raisedHands");
        assertThat(hands).singleElement().satisfies(h -> assertThat(((Map<?, ?>) h).get("userId")).isEqualTo(listener.userId().toString()));
        assertThat(detail(listener).get("raisedHands")).as("only staff see hands").isNull();

        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        Map<String, Object> after = detail(listener);
        assertThat(asMap(after.get("me"))).containsEntry("role", "SPEAKER").containsEntry("muted", true).containsEntry("handRaised", false);
        assertThat(after).containsEntry("speakerCount", 2).containsEntry("audienceCount", 0);
        // approving someone already on the panel changes nothing
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        assertThat(events("role.changed")).isEqualTo(1);

        // and back to the audience
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), listener, null, 204);
        assertThat(asMap(detail(listener).get("me"))).containsEntry("role", "AUDIENCE");
        assertThat(detail(host)).containsEntry("speakerCount", 1).containsEntry("audienceCount", 1);
    }

    @Test
    void twoModeratorsApprovingTheSameHandAtOnceGiveOneRoleChangeAndOneEvent() throws Exception {
        join(listener);
        join(host);
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Map<String, Object>>> approvals = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                approvals.add(pool.submit(() -> {
                    start.await();
                    return call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
                }));
            }
            start.countDown();
            for (Future<Map<String, Object>> approval : approvals) {
                approval.get();
            }
        }
        assertThat(events("role.changed")).isEqualTo(1);
        assertThat(detail(host)).containsEntry("speakerCount", 2);
    }

    @Test
    void withoutARaisedHandStaffInviteInstead() {
        join(listener);
        join(host);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        assertThat(asMap(detail(listener).get("me"))).containsEntry("role", "AUDIENCE").containsEntry("invited", true);
        assertThat(events("speaker.invited")).isEqualTo(1);
    }

    @Test
    void theAudienceCannotRunTheStage() {
        Session other = register("stageother");
        join(listener);
        join(other);
        call(PUT, "/api/v1/rooms/" + room + "/hand", other, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + other.userId(), listener, null, 403);
        call(DELETE, "/api/v1/rooms/" + room + "/hands/" + other.userId(), listener, null, 403);
        call(DELETE, "/api/v1/rooms/" + room + "/hands/" + other.userId(), host, null, 204);
        assertThat(events("hand.lowered")).isEqualTo(1);
        // never in the room: 404 (StageRolesTest has every such act); a stranger to a hidden room: 404
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + register("absent").userId(), host, null, 404);
        String hidden = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Hidden", "visibility", "PRIVATE"), 201).get("id");
        call(POST, "/api/v1/rooms/" + hidden + "/join", listener, null, 404);
    }

    @Test
    void leavingDeliberatelyGivesUpTheStageAndEndedRoomsCannotBeJoined() {
        join(listener);
        join(host);
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        call(POST, "/api/v1/rooms/" + room + "/leave", listener, null, 204);
        assertThat(detail(host)).containsEntry("participantCount", 1).containsEntry("speakerCount", 1);
        Map<?, ?> back = (Map<?, ?>) join(listener).get("participant");
        assertThat(back.get("role")).isEqualTo("AUDIENCE");
        // the host leaving keeps the room; rejoining, they are HOST again
        call(POST, "/api/v1/rooms/" + room + "/leave", host, null, 204);
        assertThat(((Map<?, ?>) join(host).get("participant")).get("role")).isEqualTo("HOST");

        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + room + "/join", register("late"), null, 409);
        assertThat(refused.get("type")).isEqualTo("/problems/room-ended");
    }

    @Test
    void aBannedUserCannotJoin() {
        jdbc.sql("INSERT INTO bans (id, user_id, scope, room_id, banned_by, created_at) VALUES (gen_random_uuid(), ?, 'ROOM', ?::uuid, ?, now())")
                .params(listener.userId(), room, host.userId()).update();
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 403);
        assertThat(refused.get("type")).isEqualTo("/problems/banned");
        call(GET, "/api/v1/rooms/" + room, listener, null, 200);
    }
}
