package dev.tribune.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import dev.tribune.events.SocketClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Devices and push settings through the API, and notices without Firebase: this is the ordinary context, where no
 * Firebase project is configured, so nothing is ever queued for push.
 */
class PushSettingsTest extends ApiTest {

    private static final Map<String, Object> ALL_ON = Map.of("roomLive", true, "roomStarting", true, "followedSpeaking", true,
            "moderation", true);

    @Autowired
    NoticeService notices;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeviceIsRegisteredAndRemovedByItsToken() {
        Session me = register("device");
        String token = "token-" + UUID.randomUUID();

        Map<String, Object> registered = call(HttpMethod.POST, "/api/v1/me/push-tokens", me, Map.of("token", token, "platform", "WEB"), 201);

        assertThat(registered).containsEntry("token", token).containsEntry("platform", "WEB");
        assertThat(ownerOf(token)).isEqualTo(me.userId());
        call(HttpMethod.POST, "/api/v1/me/push-tokens", me, Map.of("token", token, "platform", "WEB"), 201);
        assertThat(jdbc.sql("SELECT count(*) FROM push_devices WHERE token = ?").param(token).query(Long.class).single()).isEqualTo(1L);
        call(HttpMethod.DELETE, "/api/v1/me/push-tokens/" + token, me, null, 204);
        assertThat(jdbc.sql("SELECT count(*) FROM push_devices WHERE token = ?").param(token).query(Long.class).single()).isZero();
        call(HttpMethod.DELETE, "/api/v1/me/push-tokens/" + token, me, null, 204);
    }

    @Test
    void aTokenRegisteredBySomeoneElseMovesToTheCallerAndOnlyItsOwnerCanRemoveIt() {
        Session first = register("shared");
        Session second = register("shared");
        String token = "token-" + UUID.randomUUID();
        call(HttpMethod.POST, "/api/v1/me/push-tokens", first, Map.of("token", token, "platform", "WEB"), 201);

        call(HttpMethod.POST, "/api/v1/me/push-tokens", second, Map.of("token", token, "platform", "WEB"), 201);

        assertThat(ownerOf(token)).as("one browser is one device: its push goes to whoever signed in last").isEqualTo(second.userId());
        call(HttpMethod.DELETE, "/api/v1/me/push-tokens/" + token, first, null, 204);
        assertThat(ownerOf(token)).isEqualTo(second.userId());
    }

    @Test
    void aTokenMustBeGivenWithAKnownPlatform() {
        Session me = register("badtoken");
        assertProblem(call(HttpMethod.POST, "/api/v1/me/push-tokens", me, Map.of("token", "", "platform", "WEB"), 400));
        assertProblem(call(HttpMethod.POST, "/api/v1/me/push-tokens", me, Map.of("token", "t-" + UUID.randomUUID()), 400));
        assertProblem(call(HttpMethod.POST, "/api/v1/me/push-tokens", me, Map.of("token", "t-" + UUID.randomUUID(), "platform", "FAX"), 400));
        assertProblem(call(HttpMethod.POST, "/api/v1/me/push-tokens", me, Map.of("token", "x".repeat(4097), "platform", "WEB"), 400));
    }

    @Test
    void settingsStartAllOnAndArePutWhole() {
        Session me = register("settings");
        assertThat(get("/api/v1/me/notification-settings", me)).isEqualTo(ALL_ON);

        Map<String, Object> chosen = Map.of("roomLive", false, "roomStarting", true, "followedSpeaking", false, "moderation", true);
        assertThat(call(HttpMethod.PUT, "/api/v1/me/notification-settings", me, chosen, 200)).isEqualTo(chosen);

        assertThat(get("/api/v1/me/notification-settings", me)).isEqualTo(chosen);
        assertProblem(call(HttpMethod.PUT, "/api/v1/me/notification-settings", me, Map.of("roomLive", true), 400));
        assertThat(get("/api/v1/me/notification-settings", me)).as("nothing half-written").isEqualTo(chosen);
    }

    @Test
    void guestsHaveNeitherDevicesNorSettings() {
        Session guest = guest();
        assertProblem(call(HttpMethod.POST, "/api/v1/me/push-tokens", guest, Map.of("token", "g-" + UUID.randomUUID(), "platform", "WEB"), 403));
        assertProblem(call(HttpMethod.DELETE, "/api/v1/me/push-tokens/anything", guest, null, 403));
        assertProblem(call(HttpMethod.GET, "/api/v1/me/notification-settings", guest, null, 403));
        assertProblem(call(HttpMethod.PUT, "/api/v1/me/notification-settings", guest, ALL_ON, 403));
        call(HttpMethod.GET, "/api/v1/me/notification-settings", null, null, 401);
    }

    @Test
    void withoutFirebaseANoticeIsStoredAndSentToSocketsButNeverQueuedForPush() throws Exception {
        Session me = register("nofirebase");
        call(HttpMethod.POST, "/api/v1/me/push-tokens", me, Map.of("token", "t-" + UUID.randomUUID(), "platform", "WEB"), 201);
        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + me.accessToken())) {
            transactions.executeWithoutResult(tx -> notices.tell(me.userId(), NoticeKind.ROOM_LIVE,
                    Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Quiet"), "nofirebase:" + me.userId()));

            JsonNode frame = socket.expect("notice");
            assertThat(frame.path("notice").path("data").path("roomName").asString()).isEqualTo("Quiet");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM push_outbox WHERE user_id = ?").param(me.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void aNoticeWithTheSameKeyIsToldOnce() {
        Session me = register("once");
        String key = "room-live:" + UUID.randomUUID();
        Map<String, Object> data = Map.of("roomId", UUID.randomUUID().toString(), "roomName", "Once");

        Boolean first = transactions.execute(tx -> notices.tell(me.userId(), NoticeKind.ROOM_LIVE, data, key));
        Boolean again = transactions.execute(tx -> notices.tell(me.userId(), NoticeKind.ROOM_LIVE, data, key));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mine = (List<Map<String, Object>>) get("/api/v1/me/notices", me).get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst()).containsEntry("kind", "ROOM_LIVE");
    }

    private UUID ownerOf(String token) {
        return jdbc.sql("SELECT user_id FROM push_devices WHERE token = ?").param(token).query(UUID.class).single();
    }

    private static void assertProblem(Map<String, Object> body) {
        assertThat(body).containsKeys("type", "title", "status");
    }
}
