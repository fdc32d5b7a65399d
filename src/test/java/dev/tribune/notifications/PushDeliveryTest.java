package dev.tribune.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** A notice reaches each of the person's devices through FCM, as Google's HTTP v1 API expects it. */
class PushDeliveryTest extends PushTest {

    @Test
    void aNoticeIsPushedToEachDeviceAsAWebpushWithTheAccessTokenExchangedForTheServiceAccount() throws Exception {
        Session listener = register("pushed");
        String laptop = device(listener);
        String phone = device(listener);
        UUID roomId = UUID.randomUUID();

        UUID noticeId = tell(listener.userId(), NoticeKind.ROOM_LIVE,
                Map.of("roomId", roomId.toString(), "roomName", "Late night jazz", "hostName", "Mina"));

        waitUntil(() -> sendsTo(laptop).size() == 1 && sendsTo(phone).size() == 1 && !queued(noticeId));
        for (String token : List.of(laptop, phone)) {
            LoggedRequest send = sendsTo(token).getFirst();
            assertThat(send.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
            JsonNode message = JSON.readTree(send.getBodyAsString()).path("message");
            assertThat(message.path("token").asString()).isEqualTo(token);
            assertThat(message.path("notification").path("title").asString()).isEqualTo("Mina is live");
            assertThat(message.path("notification").path("body").asString()).isEqualTo("Late night jazz");
            String url = "https://tribune.test/rooms/" + roomId;
            assertThat(message.path("data").path("noticeId").asString()).isEqualTo(noticeId.toString());
            assertThat(message.path("data").path("kind").asString()).isEqualTo("ROOM_LIVE");
            assertThat(message.path("data").path("url").asString()).isEqualTo(url);
            assertThat(message.path("data").path("roomId").asString()).isEqualTo(roomId.toString());
            // the tag makes a repeated send replace the shown notification rather than add a second one
            assertThat(message.path("webpush").path("notification").path("tag").asString()).isEqualTo(noticeId.toString());
            // proto3 JSON: firebase-admin writes the field's proto name (fcm_options), which FCM reads as fcmOptions
            assertThat(message.path("webpush").path("fcm_options").path("link").asString()).isEqualTo(url);
        }
        // the access token came from the service account's token_uri, for an assertion signed with its key
        List<LoggedRequest> exchanges = GOOGLE.findAll(postRequestedFor(urlEqualTo("/token")));
        assertThat(exchanges).isNotEmpty();
        String form = exchanges.getLast().getBodyAsString();
        String assertion = URLDecoder.decode(form.replaceAll(".*assertion=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        var jwt = JWT.require(Algorithm.RSA256(publicKey(), null)).withIssuer(CLIENT_EMAIL).build().verify(assertion);
        // sent to token_uri; its audience stays Google's token server, as google-auth-library writes it
        assertThat(jwt.getAudience()).containsExactly("https://oauth2.googleapis.com/token");
        // messages:send needs firebase.messaging or cloud-platform; firebase-admin asks for cloud-platform
        assertThat(jwt.getClaim("scope").asString().split(" ")).contains("https://www.googleapis.com/auth/cloud-platform");
    }

    @Test
    void aTokenFcmCallsUnregisteredIsForgottenAndNotPushedAgain() {
        Session listener = register("gone");
        String stale = device(listener);
        String fresh = device(listener);
        GOOGLE.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(1).withRequestBody(matchingJsonPath("$.message.token", equalTo(stale)))
                .willReturn(fcmErrorResponse(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.")));

        UUID first = tell(listener.userId(), NoticeKind.SPEAKER_INVITE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Q&A", "byName", "Ada"));
        waitUntil(() -> !queued(first));
        assertThat(registered(stale)).as("the unregistered token is deleted").isFalse();
        assertThat(registered(fresh)).isTrue();

        UUID second = tell(listener.userId(), NoticeKind.SPEAKER_INVITE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Q&A", "byName", "Ada"));
        waitUntil(() -> !queued(second));
        assertThat(sendsTo(stale)).hasSize(1);
        assertThat(sendsTo(fresh)).hasSize(2);
    }

    @Test
    void aTokenFcmCallsInvalidIsForgotten() {
        Session listener = register("invalid");
        String malformed = device(listener);
        GOOGLE.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(1).withRequestBody(matchingJsonPath("$.message.token", equalTo(malformed)))
                .willReturn(fcmErrorResponse(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT",
                        "The registration token is not a valid FCM registration token")));

        UUID noticeId = tell(listener.userId(), NoticeKind.WARNED, Map.of("reason", "SPAM"));

        waitUntil(() -> !queued(noticeId));
        assertThat(sendsTo(malformed)).hasSize(1);
        assertThat(registered(malformed)).isFalse();
    }

    @Test
    void quotaExceededIsSentAgainAfterRetryAfterAndThenOnlyOnce() {
        Session listener = register("quota");
        String token = device(listener);
        String scenario = "quota-" + token;
        GOOGLE.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(1).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(fcmErrorResponse(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.").withHeader("Retry-After", "2"))
                .willSetStateTo("after"));

        UUID noticeId = tell(listener.userId(), NoticeKind.ROOM_STARTING, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Book club", "soon", true));

        waitUntil(() -> !queued(noticeId));
        List<LoggedRequest> sends = sendsTo(token);
        assertThat(sends).hasSize(2);
        Duration gap = Duration.between(sends.get(0).getLoggedDate().toInstant(), sends.get(1).getLoggedDate().toInstant());
        assertThat(gap).as("not before Retry-After (2 s), though the backoff is 200 ms").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(registered(token)).isTrue();
    }

    @Test
    void twoNoticesToOneDeviceInOneBatchAreSettledEachByItsOwnAnswer() {
        Session listener = register("twonotices");
        String token = device(listener);
        String scenario = "two-" + token;
        UUID[] ids = new UUID[2];
        String[] keys = {"test:" + UUID.randomUUID(), "test:" + UUID.randomUUID()};
        // the first notice is refused for now, the second delivered, in the same sendEach
        GOOGLE.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(1).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .withRequestBody(matchingJsonPath("$.message.data.kind", equalTo("WARNED")))
                .willReturn(fcmErrorResponse(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.").withHeader("Retry-After", "1"))
                .willSetStateTo("after"));
        transactions.executeWithoutResult(tx -> {
            notices.tell(listener.userId(), NoticeKind.WARNED, Map.of("reason", "SPAM"), keys[0]);
            notices.tell(listener.userId(), NoticeKind.REPORT_OUTCOME, Map.of("outcome", "ACTION_TAKEN"), keys[1]);
        });
        for (int i = 0; i < 2; i++) {
            ids[i] = jdbc.sql("SELECT id FROM notices WHERE user_id = ? AND dedupe_key = ?").params(listener.userId(), keys[i])
                    .query(UUID.class).single();
        }

        waitUntil(() -> !queued(ids[0]) && !queued(ids[1]));
        Map<String, Long> sendsByNotice = sendsTo(token).stream()
                .collect(Collectors.groupingBy(r -> JSON.readTree(r.getBodyAsString()).path("message")
                        .path("data").path("noticeId").asString(), Collectors.counting()));
        assertThat(sendsByNotice).as("the refused one again after Retry-After, the delivered one once")
                .containsEntry(ids[0].toString(), 2L).containsEntry(ids[1].toString(), 1L);
    }

    @Test
    void anInternalErrorIsRetriedWithADoublingBackoffUntilDelivered() {
        // (503 UNAVAILABLE is first retried by firebase-admin itself, up to 4 times, honouring Retry-After; 500 is not)
        Session listener = register("internal");
        String token = device(listener);
        String scenario = "internal-" + token;
        GOOGLE.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(1).inScenario(scenario).whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(fcmErrorResponse(500, "INTERNAL", "INTERNAL", "Internal error encountered."))
                .willSetStateTo("second"));
        GOOGLE.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(1).inScenario(scenario).whenScenarioStateIs("second")
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"code\": 500, \"message\": \"Internal error.\", \"status\": \"INTERNAL\"}}")
                        .withHeader("Content-Type", "application/json"))
                .willSetStateTo("healthy"));

        UUID noticeId = tell(listener.userId(), NoticeKind.FOLLOWED_SPEAKING,
                Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Open mic", "displayName", "Sam"));

        waitUntil(() -> !queued(noticeId));
        List<LoggedRequest> sends = sendsTo(token);
        assertThat(sends).hasSize(3);
        Duration first = Duration.between(sends.get(0).getLoggedDate().toInstant(), sends.get(1).getLoggedDate().toInstant());
        Duration second = Duration.between(sends.get(1).getLoggedDate().toInstant(), sends.get(2).getLoggedDate().toInstant());
        assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(second).as("the backoff doubles").isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }

    @Test
    void aKindSwitchedOffIsStoredAndSentToSocketsButNotPushed() {
        Session listener = register("quiet");
        String token = device(listener);
        call(HttpMethod.PUT, "/api/v1/me/notification-settings", listener,
                Map.of("roomLive", false, "roomStarting", true, "followedSpeaking", true, "moderation", true), 200);

        UUID live = tell(listener.userId(), NoticeKind.ROOM_LIVE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Muted"));
        UUID invite = tell(listener.userId(), NoticeKind.SPEAKER_INVITE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Loud"));

        assertThat(queued(live)).as("no push queued for a kind switched off").isFalse();
        waitUntil(() -> sendsTo(token).size() == 1 && !queued(invite));
        assertThat(sendsTo(token).getFirst().getBodyAsString()).contains(invite.toString()).doesNotContain(live.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mine = (List<Map<String, Object>>) get("/api/v1/me/notices", listener).get("items");
        assertThat(mine).extracting(n -> n.get("id")).contains(live.toString(), invite.toString());
    }

    @Test
    void someoneWithoutADeviceHasNothingQueued() {
        Session listener = register("nodevice");
        UUID noticeId = tell(listener.userId(), NoticeKind.ROOM_LIVE, Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Any"));
        assertThat(queued(noticeId)).isFalse();
    }
}
