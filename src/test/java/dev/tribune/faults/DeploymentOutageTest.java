package dev.tribune.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.events.ServiceInstance;
import dev.tribune.events.ServiceInstance.Member;
import dev.tribune.events.SocketClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole deployment (here its one instance, with its embedded database) stopped with SIGTERM in the middle of a
 * room, kept down for three minutes, and started again. Shutdown tells every client to go away (1001) and exits in
 * time; after the restart the room is still LIVE and everyone who comes back has their role, while someone who never
 * comes back is swept once the grace, counted from the restart, has passed.
 */
class DeploymentOutageTest {

    private static final Duration OUTAGE = Duration.ofMinutes(3);
    private static final Duration GRACE = Duration.ofSeconds(10);
    // browsers come back with backoff (at most 15 s apart, web-client/src/events/backoff.ts), not the moment it is up
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(4);
    // short lease and grace: before restart-grace existed, a 3-minute outage was many times longer than both
    private static final String[] SETTINGS = {"--tribune.presence.grace=" + GRACE.toSeconds() + "s", "--tribune.events.lease-term=3s",
            "--tribune.presence.sweep-interval=1s", "--tribune.rooms.sweep-interval=1s"};

    @TempDir
    Path home;

    @Test
    void aDeploymentStoppedForThreeMinutesEndsNoRoomAndKeepsEveryRole() throws Exception {
        Member host;
        Member speaker;
        Member listener;
        Member absentee;
        UUID room;
        long lastSeq;
        try (ServiceProcess before = ServiceProcess.embedded(home, SETTINGS).awaitReady()) {
            ServiceInstance api = before.api();
            host = api.register("ohost");
            speaker = api.register("ospeaker");
            listener = api.register("olistener");
            absentee = api.register("oabsent");
            room = UUID.fromString((String) api.post("/api/v1/rooms", host, Map.of("name", "Outage")).get("id"));
            for (Member member : List.of(host, speaker, listener, absentee)) {
                api.post("/api/v1/rooms/" + room + "/join", member, null);
            }
            api.put("/api/v1/rooms/" + room + "/hand", speaker);
            api.put("/api/v1/rooms/" + room + "/speakers/" + speaker.id(), host);

            List<SocketClient> sockets = List.of(SocketClient.connect(api.socketUrl(host)), SocketClient.connect(api.socketUrl(speaker)),
                    SocketClient.connect(api.socketUrl(listener)), SocketClient.connect(api.socketUrl(absentee)));
            long seq = 0;
            for (SocketClient socket : sockets) {
                socket.send(subscribe(room, null));
                seq = socket.expectPastEvents("subscribed").path("seq").asLong();
            }
            lastSeq = seq;

            Duration stopping = before.terminate();
            assertThat(stopping).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(30));
            for (SocketClient socket : sockets) {
                assertThat(socket.closedWith.get(5, TimeUnit.SECONDS)).as("every client is told to go away and come back").isEqualTo(1001);
            }
            assertThat(before.log()).as("a clean shutdown: sockets closed before the database stopped")
                    .doesNotContain(" ERROR ").doesNotContain("Connection refused");
        }

        Awaitility.await("the outage").pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);

        try (ServiceProcess after = ServiceProcess.embedded(home, SETTINGS).awaitReady()) {
            ServiceInstance api = after.api();
            Awaitility.await("the clients' backoff").pollDelay(RECONNECT_AFTER).atMost(RECONNECT_AFTER.plusSeconds(1)).until(() -> true);
            // the clients reconnect (with backoff, in a browser) and resume where they were
            try (SocketClient hostSocket = SocketClient.connect(api.socketUrl(host));
                    SocketClient speakerSocket = SocketClient.connect(api.socketUrl(speaker));
                    SocketClient listenerSocket = SocketClient.connect(api.socketUrl(listener))) {
                for (SocketClient socket : List.of(hostSocket, speakerSocket, listenerSocket)) {
                    socket.send(subscribe(room, lastSeq));
                }
                long resumedAt = 0;
                for (SocketClient socket : List.of(hostSocket, speakerSocket, listenerSocket)) {
                    // nothing happened while it was down: no event replayed before the acknowledgement (room.counts
                    // aside, which the test client leaves out)
                    resumedAt = socket.expect("subscribed").path("seq").asLong();
                    assertThat(resumedAt).isGreaterThanOrEqualTo(lastSeq);
                }
                assertThat(api.get("/api/v1/rooms/" + room, host).get("status")).as("the room survived the restart").isEqualTo("LIVE");
                // the one who never came back is swept once the grace, counted from the restart, has passed ...
                JsonNode left = hostSocket.expect("event");
                assertThat(left.path("type").asString()).isEqualTo("participant.left");
                assertThat(left.path("data").path("userId").asString()).isEqualTo(absentee.id().toString());
                assertThat(left.path("seq").asLong()).isGreaterThan(resumedAt);
                // ... and nobody else: the room is LIVE with its HOST and SPEAKER in place
                Map<?, ?> detail = api.get("/api/v1/rooms/" + room, host);
                assertThat(detail.get("status")).isEqualTo("LIVE");
                assertThat(roleOf(detail, host)).isEqualTo("HOST");
                assertThat(roleOf(detail, speaker)).isEqualTo("SPEAKER");
                assertThat(((Map<?, ?>) api.get("/api/v1/rooms/" + room, listener).get("me")).get("role")).isEqualTo("AUDIENCE");
                assertThat(detail.get("participantCount")).as("host, speaker and listener").isEqualTo(3);
                assertThat(hostSocket.quietFor(2000)).as("no one else left").isTrue();
            }
        }
    }

    private static String subscribe(UUID room, Long since) {
        return "{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"" + (since == null ? "" : ",\"since\":" + since) + "}";
    }

    private static String roleOf(Map<?, ?> detail, Member member) {
        return ((List<?>) detail.get("panel")).stream().map(Map.class::cast)
                .filter(seat -> member.id().toString().equals(seat.get("userId"))).map(seat -> (String) seat.get("role"))
                .findFirst().orElse("not on the panel");
    }
}
