package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A vendor that is down: joins answer 503 and leave nothing half-made, the breaker stops hammering it, and changes
 * made meanwhile reach it once it is back, the user being told in between.
 */
@TestPropertySource(properties = {"tribune.rtc.breaker.window=4", "tribune.rtc.breaker.minimum-calls=4",
        "tribune.rtc.breaker.open-for=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProviderOutageTest extends ApiTest {

    @Autowired
    RecordingRtcProvider provider;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void vendorBack() {
        provider.down = false;
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aJoinWhileTheVendorIsDownIs503AndWritesNothing() {
        Session host = register("downhost");
        Session listener = register("downlistener");
        provider.down = true;
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Outage", "provider", "recording"), 201).get("id");
        client.post().uri("/api/v1/rooms/" + room + "/join").header(HttpHeaders.AUTHORIZATION, "Bearer " + listener.accessToken())
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/provider-unavailable");
        assertThat(count("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?", room, listener.userId())).isZero();
        assertThat(count("SELECT count(*) FROM provider_rooms WHERE room_id = ?::uuid", room)).isZero();
        assertThat(count("SELECT participant_count FROM rooms WHERE id = ?::uuid", room)).isZero();
        assertThat(count("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = 'participant.joined'", room)).isZero();

        provider.down = false;
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                client.post().uri("/api/v1/rooms/" + room + "/join").header(HttpHeaders.AUTHORIZATION, "Bearer " + listener.accessToken())
                        .exchange().expectStatus().isOk());
        assertThat(count("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?", room, listener.userId())).isOne();
        assertThat(count("SELECT count(*) FROM provider_rooms WHERE room_id = ?::uuid", room)).isOne();
    }

    @Test
    void whileTheBreakerIsOpenJoinsFailFastWithoutReachingTheVendor() {
        Session host = register("breakhost");
        provider.down = true;
        for (int i = 0; i < 6; i++) {
            String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Breaker " + i, "provider", "recording"), 201).get("id");
            client.post().uri("/api/v1/rooms/" + room + "/join").header(HttpHeaders.AUTHORIZATION, "Bearer " + host.accessToken())
                    .exchange().expectStatus().isEqualTo(503);
        }
        int reached = provider.vendorCalls.get();
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Breaker open", "provider", "recording"), 201).get("id");
        client.post().uri("/api/v1/rooms/" + room + "/join").header(HttpHeaders.AUTHORIZATION, "Bearer " + host.accessToken())
                .exchange().expectStatus().isEqualTo(503);
        assertThat(provider.vendorCalls.get()).as("the open breaker answered without calling the vendor").isEqualTo(reached);

        provider.down = false;
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                client.post().uri("/api/v1/rooms/" + room + "/join").header(HttpHeaders.AUTHORIZATION, "Bearer " + host.accessToken())
                        .exchange().expectStatus().isOk());
    }

    @Test
    void aPromotionMadeDuringTheOutageReachesTheVendorOnceItIsBackAndTheUserIsTold() {
        Session host = register("pendhost");
        Session listener = register("pendlistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Pending", "provider", "recording"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        provider.down = true;
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        String toListener = "SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = ? AND audience_user_ids = ARRAY[?]::uuid[]";
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(toListener, room, "media.pending", listener.userId()) == 1);

        provider.down = false;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> provider.calls.stream()
                .anyMatch(c -> c.roomId().toString().equals(room) && c.userId().equals(listener.userId()) && c.state().canPublish()));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count(toListener, room, "media.synced", listener.userId()) == 1);
        assertThat(count("SELECT count(*) FROM provider_outbox WHERE room_id = ?::uuid AND user_id = ?", room, listener.userId())).isZero();
    }
}
