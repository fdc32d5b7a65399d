package dev.tribune.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.events.SocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** A notice to an audience (a person's followers, a club's people) reaches each of them once, however large. */
class BroadcastTest extends PushTest {

    @Test
    void tenThousandFollowersAreEachToldOnceInTheAppOnTheirSocketsAndByPush() throws Exception {
        Session host = register("famous");
        Map<UUID, String> followers = peopleWithDevices(10_000);
        follow(followers.keySet(), host.userId());
        Session online = register("online");
        call(HttpMethod.PUT, "/api/v1/users/" + host.userId() + "/follow", online, null, 204);
        List<UUID> untold = List.copyOf(peopleWithDevices(3).keySet());
        follow(untold, host.userId());
        jdbc.sql("UPDATE users SET deleted_at = now() WHERE id = ?").param(untold.get(0)).update();
        jdbc.sql("UPDATE users SET suspended_until = now() + interval '1 day' WHERE id = ?").param(untold.get(1)).update();
        UUID excluded = untold.get(2);
        String key = "room-live:" + UUID.randomUUID();
        Map<String, Object> data = Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Big night", "hostName", "Famous");

        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + online.accessToken())) {
            transactions.executeWithoutResult(tx ->
                    notices.tellAudience(key, NoticeKind.ROOM_LIVE, data, new NoticeAudience.FollowersOf(host.userId(), Set.of(excluded))));
            // the cause ran twice: nothing more
            transactions.executeWithoutResult(tx ->
                    notices.tellAudience(key, NoticeKind.ROOM_LIVE, data, new NoticeAudience.FollowersOf(host.userId(), Set.of(excluded))));

            JsonNode frame = socket.expect("notice");
            assertThat(frame.path("notice").path("kind").asString()).isEqualTo("ROOM_LIVE");
            assertThat(frame.path("notice").path("data").path("roomName").asString()).isEqualTo("Big night");
        }

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                jdbc.sql("SELECT done_at IS NOT NULL FROM notice_broadcasts WHERE broadcast_key = ?").param(key).query(Boolean.class).single()
                        && jdbc.sql("SELECT count(*) FROM push_outbox o JOIN notices n ON n.id = o.notice_id WHERE n.dedupe_key = ?")
                        .param(key).query(Long.class).single() == 0);
        assertThat(jdbc.sql("SELECT count(*) FROM notices WHERE dedupe_key = ?").param(key).query(Long.class).single())
                .isEqualTo(10_001L);
        assertThat(jdbc.sql("SELECT count(*) FROM notices WHERE dedupe_key = ? AND user_id = ANY(?::uuid[])")
                .params(key, untold.stream().map(UUID::toString).toArray(String[]::new)).query(Long.class).single())
                .as("erased, suspended and excluded followers are not told").isZero();
        Map<String, Long> sends = sendsByToken();
        assertThat(followers.values()).allSatisfy(token -> assertThat(sends.get(token)).as(token).isEqualTo(1L));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mine = (List<Map<String, Object>>) get("/api/v1/me/notices", online).get("items");
        assertThat(mine).filteredOn(n -> "ROOM_LIVE".equals(n.get("kind"))).hasSize(1);
    }

    @Test
    void aClubsFollowersAndMembersAreEachToldOnce() {
        Session founder = register("founder");
        Map<UUID, String> people = peopleWithDevices(3);
        List<UUID> ids = List.copyOf(people.keySet());
        UUID clubId = UUID.randomUUID();
        jdbc.sql("INSERT INTO clubs (id, name, topic_id, founder_id, created_at) VALUES (?, 'Readers', "
                + "'01900000-0000-7000-8000-000000000004', ?, now())").params(clubId, founder.userId()).update();
        // the first only follows, the second only belongs, the third does both
        jdbc.sql("INSERT INTO club_follows (user_id, club_id, followed_at) VALUES (?, ?, now()), (?, ?, now())")
                .params(ids.get(0), clubId, ids.get(2), clubId).update();
        jdbc.sql("INSERT INTO club_members (club_id, user_id, role, joined_at) VALUES (?, ?, 'MEMBER', now()), (?, ?, 'MEMBER', now()), "
                + "(?, ?, 'ADMIN', now())").params(clubId, ids.get(1), clubId, ids.get(2), clubId, founder.userId()).update();
        String key = "club-live:" + UUID.randomUUID();

        transactions.executeWithoutResult(tx -> notices.tellAudience(key, NoticeKind.ROOM_LIVE,
                Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Chapter one", "clubName", "Readers"),
                new NoticeAudience.ClubPeople(clubId, Set.of(founder.userId()))));

        waitUntil(() -> jdbc.sql("SELECT done_at IS NOT NULL FROM notice_broadcasts WHERE broadcast_key = ?").param(key)
                .query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT user_id FROM notices WHERE dedupe_key = ?").param(key).query(UUID.class).list())
                .containsExactlyInAnyOrderElementsOf(ids);
        waitUntil(() -> people.values().stream().allMatch(token -> sendsTo(token).size() == 1));
    }

    @Test
    void everyoneRemindedOfARoomIsToldButTheExcluded() {
        Session host = register("scheduler");
        Session early = register("early");
        Session late = register("late");
        Map<String, Object> room = call(HttpMethod.POST, "/api/v1/rooms", host,
                Map.of("name", "Tomorrow's talk", "scheduledFor", Instant.now().plus(Duration.ofDays(1)).toString()), 201);
        String roomId = (String) room.get("id");
        for (Session s : List.of(early, late, host)) {
            call(HttpMethod.PUT, "/api/v1/rooms/" + roomId + "/reminder", s, null, 204);
        }
        String key = "room-starting:" + roomId;

        transactions.executeWithoutResult(tx -> notices.tellAudience(key, NoticeKind.ROOM_STARTING,
                Map.of("roomId", roomId, "roomName", "Tomorrow's talk", "soon", true),
                new NoticeAudience.RemindedOf(UUID.fromString(roomId), Set.of(host.userId()))));

        waitUntil(() -> jdbc.sql("SELECT done_at IS NOT NULL FROM notice_broadcasts WHERE broadcast_key = ?").param(key)
                .query(Boolean.class).single());
        assertThat(jdbc.sql("SELECT user_id FROM notices WHERE dedupe_key = ?").param(key).query(UUID.class).list())
                .containsExactlyInAnyOrder(early.userId(), late.userId());
    }

    private void follow(Iterable<UUID> followers, UUID followee) {
        String[] ids = StreamSupport.stream(followers.spliterator(), false).map(UUID::toString).toArray(String[]::new);
        jdbc.sql("INSERT INTO user_follows (follower_id, followee_id, followed_at) SELECT f, ?, now() FROM unnest(?::uuid[]) AS f")
                .params(followee, ids).update();
    }
}
