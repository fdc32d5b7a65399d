package dev.tribune.bench;

import dev.tribune.TribuneApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The push benchmark (issue 17, ops/bench/push/README.md): a club with 100,000 followers, each with a device, goes live;
 * how long until every push has reached a local FCM stand-in, at how many sends per second, and what the fan-out does
 * to a live room's chat: the p50/p99 from a chat message's POST to its {@code chat.message} frame at each listener,
 * before and during the fan-out. The service runs in this JVM (with its default push settings) against a real
 * PostgreSQL, its FirebaseApp doing the real credential flow against the stand-in. Run with ops/bench/push/run.sh.
 */
public final class PushBenchmark {

    private static final int FOLLOWERS = Integer.getInteger("bench.followers", 100_000);
    private static final int LISTENERS = Integer.getInteger("bench.listeners", 50);
    private static final int CHAT_PER_SECOND = Integer.getInteger("bench.chat-per-second", 10);
    private static final Duration BEFORE = Duration.ofSeconds(Integer.getInteger("bench.before-seconds", 15));
    private static final Duration LIMIT = Duration.ofSeconds(Integer.getInteger("bench.limit-seconds", 180));
    private static final String PROJECT = "bench-push";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> chatSentAt = new ConcurrentHashMap<>();
    private final List<Double> before = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> during = Collections.synchronizedList(new ArrayList<>());
    /** The part of {@link #during} while the audience is still being written into notices (before the pushes alone). */
    private final List<Double> expanding = Collections.synchronizedList(new ArrayList<>());
    private volatile List<Double> phase = before;
    private volatile boolean stillExpanding;
    private String base;

    public static void main(String[] args) throws Exception {
        new PushBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        FcmStandIn fcm = FcmStandIn.start();
        Path serviceAccount = serviceAccount(fcm.port());
        Path dataDir = Files.createTempDirectory("push-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "512MB").setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start()) {
            int port = freePort();
            base = "http://127.0.0.1:" + port;
            ConfigurableApplicationContext service = new SpringApplicationBuilder(TribuneApplication.class).properties(
                    "server.port=" + port, "server.address=127.0.0.1",
                    "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"), "spring.datasource.username=postgres",
                    "tribune.auth.jwt-secret=push-benchmark-secret-push-benchmark-secret-0123", "tribune.demo-data=false",
                    "tribune.auth.rate-limit.permits=100000", "tribune.rtc.mesh.max-participants=500", "tribune.chat.per-user-permits=1000", "tribune.chat.per-room-permits=1000",
                    "tribune.firebase.project-id=" + PROJECT, "tribune.firebase.credentials-file=" + serviceAccount,
                    "tribune.firebase.messaging-url=http://127.0.0.1:" + fcm.port(),
                    "logging.level.root=WARN").run();
            try (Connection db = postgres.getPostgresDatabase().getConnection()) {
                Map<String, Object> host = register("host");
                UUID hostId = UUID.fromString((String) ((Map<?, ?>) host.get("user")).get("id"));
                UUID clubId = UUID.randomUUID();
                long t0 = System.nanoTime();
                try (Statement sql = db.createStatement()) {
                    sql.execute("INSERT INTO clubs (id, name, topic_id, founder_id, created_at) VALUES ('" + clubId
                            + "', 'Night owls', '01900000-0000-7000-8000-000000000004', '" + hostId + "', now())");
                    sql.execute("INSERT INTO club_members (club_id, user_id, role, joined_at) VALUES ('" + clubId + "', '" + hostId
                            + "', 'ADMIN', now())");
                    sql.execute("CREATE TEMP TABLE f AS SELECT gen_random_uuid() AS id, g FROM generate_series(1, " + FOLLOWERS + ") g");
                    sql.execute("INSERT INTO users (id, display_name, created_at) SELECT id, 'Follower ' || g, now() FROM f");
                    sql.execute("INSERT INTO club_follows (user_id, club_id, followed_at) SELECT id, '" + clubId + "', now() FROM f");
                    sql.execute("INSERT INTO push_devices (id, user_id, token, platform, created_at, last_seen_at) "
                            + "SELECT gen_random_uuid(), id, 'bench-token-' || g, 'WEB', now(), now() FROM f");
                    sql.execute("ANALYZE");
                }
                log("%,d followers with a device each in %.1f s", FOLLOWERS, (System.nanoTime() - t0) / 1e9);

                // the listeners are in another live room: the fan-out must slow no room, its own or others
                Map<String, Object> room = call("POST", "/api/v1/rooms", token(host), Map.of("name", "Late show"));
                String roomId = (String) room.get("id");
                List<String> listeners = new ArrayList<>();
                List<WebSocket> sockets = new ArrayList<>();
                for (int i = 0; i < LISTENERS; i++) {
                    String token = token(register("listener"));
                    call("POST", "/api/v1/rooms/" + roomId + "/join", token, Map.of());
                    listeners.add(token);
                    sockets.add(listen(token, roomId));
                }
                log("%d listeners in the room; chatting at %d messages/s", LISTENERS, CHAT_PER_SECOND);
                ChatLoad chat = new ChatLoad(roomId, listeners.subList(0, Math.min(10, listeners.size())));
                Thread chatter = Thread.ofPlatform().daemon().name("bench-chat").start(chat);
                Thread.sleep(BEFORE.toMillis());

                stillExpanding = true;
                phase = during;
                long start = System.nanoTime();
                long startMillis = System.currentTimeMillis();
                // the club's room goes live through the API: its ROOM_LIVE notice reaches the club's people
                String clubRoomId = (String) call("POST", "/api/v1/rooms", token(host),
                        Map.of("name", "Night owls, live", "clubId", clubId.toString())).get("id");
                long deadline = start + LIMIT.toNanos();
                FcmStandIn.Stats stats = fcm.stats();
                long expandedAt = 0;
                while (stats.distinct() < FOLLOWERS && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    stats = fcm.stats();
                    if (expandedAt == 0 && noticesOf(db, clubRoomId) >= FOLLOWERS) {
                        expandedAt = System.nanoTime();
                        stillExpanding = false;
                    }
                }
                long end = stats.distinct() >= FOLLOWERS
                        ? start + (stats.last() - startMillis) * 1_000_000L : System.nanoTime();
                chat.stop();
                chatter.join();
                sockets.forEach(s -> s.abort());

                double seconds = (end - start) / 1e9;
                double firstAfter = stats.first() == 0 ? Double.NaN : (stats.first() - startMillis) / 1e3;
                long notices = noticesOf(db, clubRoomId);
                System.out.println();
                System.out.printf("| push fan-out: a club with %,d followers goes live | |%n|---|---|%n", FOLLOWERS);
                System.out.printf("| notices written | %,d |%n", notices);
                System.out.printf("| pushes received by the FCM stand-in (distinct tokens) | %,d |%n", stats.distinct());
                System.out.printf("| duplicate sends to a token | %,d |%n", stats.duplicates());
                System.out.printf("| first push after | %.2f s |%n", firstAfter);
                System.out.printf("| every push delivered after | %.1f s (goal: within 60 s)%s |%n", seconds,
                        stats.distinct() < FOLLOWERS ? " NOT REACHED within " + LIMIT.toSeconds() + " s" : "");
                System.out.printf("| sends per second (overall) | %,.0f |%n", stats.distinct() / seconds);
                System.out.printf("| chat.message to %d listeners before the fan-out: p50 / p99 (n) | %.1f / %.1f ms (%d) |%n",
                        LISTENERS, percentile(before, 50), percentile(before, 99), before.size());
                System.out.printf("| chat.message to %d listeners during the fan-out: p50 / p99 (n) | %.1f / %.1f ms (%d) |%n",
                        LISTENERS, percentile(during, 50), percentile(during, 99), during.size());
                System.out.printf("| of which while the audience was written into notices (%.1f s): p50 / p99 (n) | %.1f / %.1f ms (%d) |%n",
                        expandedAt == 0 ? Double.NaN : (expandedAt - start) / 1e9, percentile(expanding, 50), percentile(expanding, 99),
                        expanding.size());
                System.out.printf("| cores | %d |%n", Runtime.getRuntime().availableProcessors());
            } finally {
                service.close();
                fcm.close();
            }
        }
    }

    private static long noticesOf(Connection db, String roomId) throws Exception {
        try (Statement sql = db.createStatement();
                var rs = sql.executeQuery("SELECT count(*) FROM notices WHERE dedupe_key = 'live:" + roomId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Sends chat from a few listeners in turn at a steady rate, remembering when each message was sent. */
    private final class ChatLoad implements Runnable {
        private final String roomId;
        private final List<String> senders;
        private volatile boolean running = true;

        ChatLoad(String roomId, List<String> senders) {
            this.roomId = roomId;
            this.senders = senders;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            long interval = 1_000_000_000L / CHAT_PER_SECOND;
            long next = System.nanoTime();
            for (int n = 0; running; n++) {
                String text = "m" + n;
                chatSentAt.put(text, System.nanoTime());
                try {
                    call("POST", "/api/v1/rooms/" + roomId + "/messages", senders.get(n % senders.size()), Map.of("text", text));
                } catch (Exception e) {
                    log("chat send failed: %s", e.getMessage());
                }
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(Duration.ofNanos(wait));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private WebSocket listen(String accessToken, String roomId) throws Exception {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws?access_token=" + accessToken),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            long now = System.nanoTime();
                            JsonNode frame = JSON.readTree(text.toString());
                            text.setLength(0);
                            String op = frame.path("op").asString();
                            if ("subscribed".equals(op)) {
                                subscribed.complete(null);
                            } else if ("event".equals(op) && "chat.message".equals(frame.path("type").asString())) {
                                Long sent = chatSentAt.get(frame.path("data").path("text").asString());
                                if (sent != null) {
                                    double millis = (now - sent) / 1e6;
                                    phase.add(millis);
                                    if (phase == during && stillExpanding) {
                                        expanding.add(millis);
                                    }
                                }
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        socket.sendText("{\"op\":\"subscribe\",\"roomId\":\"" + roomId + "\"}", true).join();
        subscribed.get();
        return socket;
    }

    /**
     * Google's side (the token endpoint and FCM), as its own process at the lowest CPU priority: FCM does not run on the
     * machine whose room events are measured, so it must not take their CPU here (ops/bench/push/fcm-stand-in.mjs).
     */
    private record FcmStandIn(Process process, int port, HttpClient http) implements AutoCloseable {

        record Stats(int distinct, int duplicates, long first, long last) {
        }

        static FcmStandIn start() throws IOException {
            Process process = new ProcessBuilder("nice", "-n", "19", "node", "ops/bench/push/fcm-stand-in.mjs", PROJECT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.startsWith("listening ")) {
                process.destroyForcibly();
                throw new IOException("the FCM stand-in did not start: " + line);
            }
            return new FcmStandIn(process, Integer.parseInt(line.substring("listening ".length()).strip()), HttpClient.newHttpClient());
        }

        Stats stats() throws Exception {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode stats = JSON.readTree(body);
            return new Stats(stats.path("distinct").asInt(), stats.path("duplicates").asInt(), stats.path("first").asLong(),
                    stats.path("last").asLong());
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    private static Path serviceAccount(int port) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path file = Files.createTempFile("push-bench-service-account", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, JSON.writeValueAsString(Map.of("type", "service_account", "project_id", PROJECT,
                "private_key_id", "bench", "private_key", pem, "client_email", "bench@" + PROJECT + ".iam.gserviceaccount.com",
                "client_id", "1", "token_uri", "http://127.0.0.1:" + port + "/token")));
        return file;
    }

    private Map<String, Object> register(String prefix) throws Exception {
        String username = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        return call("POST", "/api/v1/auth/register", null, Map.of("username", username, "password", "correct horse", "displayName", prefix));
    }

    private static String token(Map<String, Object> session) {
        return (String) session.get("accessToken");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String path, String accessToken, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? Map.of() : JSON.readValue(response.body(), Map.class);
    }

    private static double percentile(List<Double> samples, int p) {
        List<Double> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[push-bench] " + format + "%n", args);
    }
}
