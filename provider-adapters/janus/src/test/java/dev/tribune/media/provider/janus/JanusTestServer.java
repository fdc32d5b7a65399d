package dev.tribune.media.provider.janus;

import dev.tribune.e2e.E2e;
import dev.tribune.e2e.TestNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Janus 1.1.2 for tests, started by ops/janus/run-janus.sh (the deployment's own configuration) inside a
 * network namespace of the test's making (Janus never offers loopback ICE candidates, and tests must not touch this
 * machine's own addresses). Also a plain Janus API client holding the API secret, as a second backend would. Public for
 * the e2e TURN test, which runs coturn and Chromium in this server's namespace.
 */
public final class JanusTestServer implements AutoCloseable {

    public static final String API_SECRET = "test-janus-api-secret-not-a-real-one-0123456789";
    /** The event handler's basic-auth password (tribune.rtc.janus.events-secret). */
    static final String EVENTS_SECRET = "test-janus-events-secret-not-a-real-one-0123";
    static final int PORT = 8088;

    private final TestNetwork network;
    private final Path runDir;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final JsonMapper json = JsonMapper.builder().build();
    private Process process;
    private String eventsUrl;

    private JanusTestServer(TestNetwork network) throws IOException {
        this.network = network;
        this.runDir = Files.createTempDirectory("tribune-janus-test");
        this.log = Files.createTempFile("tribune-janus-test", ".log");
    }

    /** Skips (or, with TRIBUNE_E2E=required, fails) when this machine cannot run Janus in a namespace. */
    public static JanusTestServer started() throws IOException {
        E2e.need(unavailableBecause() == null, String.valueOf(unavailableBecause()));
        JanusTestServer server = new JanusTestServer(TestNetwork.create());
        server.launch();
        return server;
    }

    /**
     * The namespace, but Janus not yet started: a test whose Janus posts its events to the service under test starts it
     * ({@link #launchPostingEventsTo}) once the service listens.
     */
    static JanusTestServer prepared() throws IOException {
        E2e.need(unavailableBecause() == null, String.valueOf(unavailableBecause()));
        return new JanusTestServer(TestNetwork.create());
    }

    static String unavailableBecause() {
        if (!Files.isExecutable(Path.of("/usr/bin/janus"))) {
            return "janus is not installed (apt-get install -y janus)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "making network namespaces needs root";
        }
        try {
            Process probe = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (!probe.waitFor(10, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                return "cannot list network namespaces";
            }
        } catch (IOException e) {
            return "the ip command is missing (apt-get install -y iproute2)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return null;
    }

    /**
     * The service's settings for rooms on this Janus, read when its context starts; a short keepalive and breaker, so
     * a Janus restart is noticed at once.
     */
    static void serviceSettings(DynamicPropertyRegistry registry, Supplier<JanusTestServer> server) {
        registry.add("tribune.rtc.janus.url", () -> server.get().url());
        registry.add("tribune.rtc.janus.api-secret", () -> API_SECRET);
        registry.add("tribune.rtc.janus.keepalive", () -> "1s");
        registry.add("tribune.rtc.breaker.open-for", () -> "1s");
    }

    public TestNetwork network() {
        return network;
    }

    public String url() {
        return "http://" + network.guestAddress() + ":" + PORT + "/janus";
    }

    /** Starts Janus with its sample event handler posting to {@code url} (and so on each later {@link #launch}). */
    void launchPostingEventsTo(String url) throws IOException {
        eventsUrl = url;
        launch();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    void launch() throws IOException {
        Path script = Path.of("ops/janus/run-janus.sh").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("env", "JANUS_API_SECRET=" + API_SECRET,
                "JANUS_ICE_ENFORCE_LIST=" + network.guestAddress(), "JANUS_HTTP_PORT=" + PORT, "JANUS_RUN_DIR=" + runDir));
        if (eventsUrl != null) {
            command.addAll(List.of("JANUS_EVENTS_URL=" + eventsUrl, "JANUS_EVENTS_SECRET=" + EVENTS_SECRET));
        }
        command.add(script.toString());
        process = network.start(log, command.toArray(String[]::new));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Janus exited: " + Files.readString(log));
            }
            return http.send(HttpRequest.newBuilder(URI.create(url() + "/info")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
    }

    /** Kills Janus (as a crash would), losing every session and room. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroyForcibly();
        }
        network.close();
    }

    // --- a second backend: the Janus API with the secret

    JsonNode post(String path, ObjectNode body) {
        body.put("apisecret", API_SECRET).put("transaction", "t" + System.nanoTime());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh session of the test's own, which only a restart (or its timeout) takes away. */
    long newSession() {
        return post("", json.createObjectNode().put("janus", "create")).path("data").path("id").asLong();
    }

    /** A fresh session with a VideoRoom handle: "/session/handle". */
    String backendHandle() {
        long session = post("", json.createObjectNode().put("janus", "create")).path("data").path("id").asLong();
        long handle = post("/" + session, json.createObjectNode().put("janus", "attach").put("plugin", "janus.plugin.videoroom"))
                .path("data").path("id").asLong();
        return "/" + session + "/" + handle;
    }

    /** A synchronous VideoRoom request through a fresh backend session; its plugindata.data. */
    JsonNode videoroom(String request, String room) {
        ObjectNode message = json.createObjectNode().put("janus", "message");
        message.putObject("body").put("request", request).put("room", room);
        return post(backendHandle(), message).path("plugindata").path("data");
    }

    boolean exists(String room) {
        return videoroom("exists", room).path("exists").asBoolean(false);
    }

    /** The participant ids in the room (publishers or joined publishers-to-be). */
    List<String> participants(String room) {
        List<String> ids = new ArrayList<>();
        videoroom("listparticipants", room).path("participants").values().forEach(p -> ids.add(p.path("id").asString()));
        return ids;
    }

    /** Whether Janus still has the session (a keepalive is answered without 458). */
    boolean sessionAlive(long session) {
        return JanusGateway.errorCode(post("/" + session, json.createObjectNode().put("janus", "keepalive"))) == 0;
    }
}
