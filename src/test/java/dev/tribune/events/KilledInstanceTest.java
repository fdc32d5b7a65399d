package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import dev.tribune.TestDatabase;
import dev.tribune.TribuneApplication;
import dev.tribune.events.ServiceInstance.Member;
import java.io.File;
import java.net.ServerSocket;
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
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An instance killed without warning (SIGKILL: no shutdown hook, no lease given up): the people connected through it
 * are marked left once its lease has run out and the grace has passed, while those on the surviving instance stay.
 * The dying instance is a real second service JVM on the same PostgreSQL.
 */
class KilledInstanceTest {

    ConfigurableApplicationContext survivor;
    Process doomed;

    @AfterEach
    void stop() {
        if (doomed != null) {
            doomed.destroyForcibly();
        }
        if (survivor != null) {
            survivor.close();
        }
    }

    private static List<String> settings(int port) {
        return List.of("--server.port=" + port, "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres", "--tribune.auth.jwt-secret=" + ApiTest.TEST_JWT_SECRET,
                "--tribune.auth.rate-limit.permits=100000", "--tribune.demo-data=false", "--tribune.rooms.counts-interval=1h",
                "--tribune.events.lease-term=3s", "--tribune.presence.grace=2s");
    }

    @Test
    void theParticipantsOfAKilledInstanceAreSweptAfterItsLeaseAndTheGrace() throws Exception {
        // the survivor sweeps every second; the doomed instance never sweeps (it must not be the one that acts)
        List<String> survivorArgs = new ArrayList<>(settings(0));
        survivorArgs.add("--tribune.presence.sweep-interval=1s");
        survivor = new SpringApplicationBuilder(TribuneApplication.class).run(survivorArgs.toArray(String[]::new));
        int doomedPort = freePort();
        doomed = startServiceJvm(doomedPort);
        String survivorUrl = "http://localhost:" + survivor.getEnvironment().getProperty("local.server.port");
        String doomedUrl = "http://localhost:" + doomedPort;
        awaitHealthy(doomedUrl);

        ServiceInstance survivorApi = new ServiceInstance(survivorUrl);
        ServiceInstance doomedApi = new ServiceInstance(doomedUrl);
        Member host = survivorApi.register("khost");
        Member listener = survivorApi.register("klistener");
        UUID room = UUID.fromString((String) survivorApi.post("/api/v1/rooms", host, Map.of("name", "Doomed")).get("id"));
        survivorApi.post("/api/v1/rooms/" + room + "/join", host, null);
        doomedApi.post("/api/v1/rooms/" + room + "/join", listener, null);

        JdbcClient jdbc = survivor.getBean(JdbcClient.class);
        UUID doomedInstance;
        try (SocketClient hostSocket = SocketClient.connect(survivorApi.socketUrl(host));
                SocketClient listenerSocket = SocketClient.connect(doomedApi.socketUrl(listener))) {
            hostSocket.send(subscribe(room));
            hostSocket.expect("subscribed");
            listenerSocket.send(subscribe(room));
            listenerSocket.expect("subscribed");
            doomedInstance = socketInstance(jdbc, room, listener).orElseThrow();
            assertThat(doomedInstance).isNotEqualTo(survivor.getBean(InstanceLease.class).id());

            doomed.destroyForcibly().waitFor();

            Awaitility.await("the listener swept").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !present(jdbc, room, listener));
            assertThat(present(jdbc, room, host)).as("the host, on the surviving instance").isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ? AND type = 'participant.left'")
                    .param(room).query(Long.class).single()).isEqualTo(1);
            // the lease ran out: it was never given up
            assertThat(jdbc.sql("SELECT expires_at > renewed_at FROM instance_leases WHERE instance_id = ?")
                    .param(doomedInstance).query(Boolean.class).single()).isTrue();
        }
    }

    private Process startServiceJvm(int port) throws Exception {
        Path log = Files.createTempFile("tribune-doomed-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TribuneApplication.class.getName()));
        command.addAll(settings(port));
        command.add("--tribune.presence.sweep-interval=1h");
        System.out.println("doomed instance log: " + log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(".")).start();
    }

    private void awaitHealthy(String base) {
        Awaitility.await("the second service JVM").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    assertThat(doomed.isAlive()).as("the second service JVM is running").isTrue();
                    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                });
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Optional<UUID> socketInstance(JdbcClient jdbc, UUID room, Member who) {
        return jdbc.sql("SELECT socket_instance_id FROM participants WHERE room_id = ? AND user_id = ?").params(room, who.id())
                .query(UUID.class).optional();
    }

    private static boolean present(JdbcClient jdbc, UUID room, Member who) {
        return jdbc.sql("SELECT present FROM participants WHERE room_id = ? AND user_id = ?").params(room, who.id())
                .query(Boolean.class).single();
    }

    private static String subscribe(UUID room) {
        return "{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"}";
    }
}
