package dev.tribune.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.TribuneApplication;
import dev.tribune.events.ServiceInstance;
import dev.tribune.events.ServiceInstance.Member;
import dev.tribune.events.SocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The embedded PostgreSQL killed with SIGKILL in the middle of a room. Readiness says so within 5 s while liveness
 * stays UP and every health call answers within 2 s; requests meanwhile get a 503 problem; the service starts its
 * database again within 15 s by itself, and the room goes on: nothing ended, nobody demoted, no event lost, the
 * sockets never dropped.
 */
class EmbeddedDatabaseFaultTest {

    @TempDir
    Path home;

    private record Probe(String path, int status, Duration took) {
    }

    @Test
    void theEmbeddedDatabaseKilledMidRoomComesBackAndTheRoomGoesOn() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(TribuneApplication.class).run("--server.port=0",
                "--tribune.embedded-db.dir=" + home.resolve("pgdata"), "--tribune.demo-data=false",
                "--tribune.auth.rate-limit.permits=100000", "--tribune.presence.sweep-interval=1s")) {
            String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            ServiceInstance api = new ServiceInstance(base);
            Member host = api.register("dbhost");
            Member listener = api.register("dblistener");
            UUID room = UUID.fromString((String) api.post("/api/v1/rooms", host, Map.of("name", "Database dies")).get("id"));
            api.post("/api/v1/rooms/" + room + "/join", host, null);
            api.post("/api/v1/rooms/" + room + "/join", listener, null);

            List<Probe> probes = new CopyOnWriteArrayList<>();
            AtomicBoolean probing = new AtomicBoolean(true);
            Thread prober = Thread.ofVirtual().start(() -> probeHealth(base, probes, probing));
            try (SocketClient hostSocket = SocketClient.connect(api.socketUrl(host));
                    SocketClient listenerSocket = SocketClient.connect(api.socketUrl(listener))) {
                hostSocket.send(subscribe(room));
                long seq = hostSocket.expectPastEvents("subscribed").path("seq").asLong();
                listenerSocket.send(subscribe(room));
                listenerSocket.expectPastEvents("subscribed");

                // a change committed just before the database dies still reaches everyone
                api.put("/api/v1/rooms/" + room + "/hand", listener);
                long killedServer = serverPid();
                long killedAt = System.nanoTime();
                ProcessHandle.of(killedServer).orElseThrow().destroyForcibly();

                Awaitility.await("readiness DOWN").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> status(base, "/actuator/health/readiness") == 503);
                assertThat(status(base, "/actuator/health/liveness")).as("liveness does not depend on the database").isEqualTo(200);
                HttpResponse<String> meanwhile = api.exchange("GET", "/api/v1/rooms/" + room, host, null);
                assertThat(meanwhile.statusCode()).as(meanwhile.body()).isIn(200, 503);
                if (meanwhile.statusCode() == 503) {
                    assertThat(meanwhile.body()).contains("/problems/service-unavailable");
                    assertThat(meanwhile.headers().firstValue("Retry-After")).isPresent();
                }

                Awaitility.await("the database restarted and readiness UP").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                        .until(() -> status(base, "/actuator/health/readiness") == 200);
                System.out.printf("fault: embedded PostgreSQL killed; ready again after %d ms%n", (System.nanoTime() - killedAt) / 1_000_000);
                assertThat(serverPid()).as("a new server").isNotEqualTo(killedServer);

                JsonNode raised = hostSocket.expect("event");
                assertThat(raised.path("type").asString()).isEqualTo("hand.raised");

                // the room goes on: the host approves the hand, and every event since the kill arrives once, in order
                Awaitility.await("the API answers again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> api.exchange("PUT", "/api/v1/rooms/" + room + "/speakers/" + listener.id(), host, null).statusCode() == 204);
                List<Long> received = new ArrayList<>(List.of(raised.path("seq").asLong()));
                JsonNode next;
                do {
                    next = hostSocket.expect("event");
                    received.add(next.path("seq").asLong());
                } while (!"role.changed".equals(next.path("type").asString()));
                // the host sees every event of the room; the test client leaves out only room.counts
                List<Long> logged = service.getBean(JdbcClient.class).sql(
                        "SELECT seq FROM room_events WHERE room_id = ? AND seq > ? AND seq <= ? AND type <> 'room.counts' ORDER BY seq")
                        .params(room, seq, next.path("seq").asLong()).query(Long.class).list();
                assertThat(received).as("no event lost, none twice, in order").isEqualTo(logged);
                assertThat(next.path("data").path("role").asString()).isEqualTo("SPEAKER");
                assertThat(api.get("/api/v1/rooms/" + room, host).get("status")).isEqualTo("LIVE");
                assertThat(hostSocket.closedWith).as("the sockets never dropped").isNotDone();
                assertThat(listenerSocket.closedWith).isNotDone();
            } finally {
                probing.set(false);
                prober.join();
            }
            assertThat(probes).as("health was probed throughout").hasSizeGreaterThan(20);
            assertThat(probes).as("every health call answers within 2 s").allSatisfy(probe -> assertThat(probe.took()).isLessThan(Duration.ofSeconds(2)));
            assertThat(probes.stream().filter(p -> p.path().endsWith("liveness"))).allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
        }
    }

    private static void probeHealth(String base, List<Probe> probes, AtomicBoolean probing) {
        HttpClient http = HttpClient.newHttpClient();
        while (probing.get()) {
            for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
                long start = System.nanoTime();
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    probes.add(new Probe(path, status, Duration.ofNanos(System.nanoTime() - start)));
                } catch (Exception e) {
                    probes.add(new Probe(path, -1, Duration.ofNanos(System.nanoTime() - start)));
                }
            }
        }
    }

    /** The postmaster's process id, as PostgreSQL writes it in its data folder. */
    private long serverPid() throws Exception {
        return Long.parseLong(Files.readAllLines(home.resolve("pgdata").resolve("postmaster.pid")).getFirst().trim());
    }

    private static int status(String base, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String subscribe(UUID room) {
        return "{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"}";
    }
}
