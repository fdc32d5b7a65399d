package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.ProviderMisconfigured;
import dev.tribune.media.spi.ProviderUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Janus's HTTP API (janus-gateway v1.1.2 mainpage.dox, REST): every request carries the {@code apisecret}.
 *
 * <p>Room administration goes through one backend session with one VideoRoom handle, whose synchronous requests
 * ({@code create}, {@code destroy}, {@code kick}, {@code moderate}, {@code exists}, {@code listparticipants}) answer
 * at once. The session is kept alive every {@code keepalive}; when Janus no longer knows it (458: Janus restarted,
 * or the session timed out) or Janus could not be reached, a new one is made, and {@code onNewSession} runs once it
 * exists (the adapter makes the open rooms again). A request that finds the backend session gone makes a new
 * session and is sent once more: that is not a retry of the operation, which never reached the VideoRoom.
 *
 * <p>Errors: Janus unreachable, timing out or answering 5xx/429 is {@link ProviderUnavailable}; Janus refusing the
 * secret is {@link ProviderMisconfigured}, a request it calls malformed an {@link IllegalStateException}, each with
 * Janus's words. No retries here.
 */
final class JanusGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JanusGateway.class);

    static final String VIDEOROOM = "janus.plugin.videoroom";
    static final int SESSION_NOT_FOUND = 458;
    static final int HANDLE_NOT_FOUND = 459;
    /** Janus answers a long poll after at most 30 s. */
    static final Duration LONG_POLL = Duration.ofSeconds(45);

    private final String base;
    private final String apiSecret;
    private final Duration readTimeout;
    private final Duration keepalive;
    private final HttpClient client;
    private final JsonMapper json;
    private final ScheduledExecutorService timer;

    private final Object lock = new Object();
    private long session;
    private long handle;
    private long generation;
    private long recovered;
    private volatile Runnable onNewSession = () -> { };

    JanusGateway(String base, String apiSecret, Duration connectTimeout, Duration readTimeout, Duration keepalive, JsonMapper json) {
        this.base = base;
        this.apiSecret = apiSecret;
        this.readTimeout = readTimeout;
        this.keepalive = keepalive;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "janus-keepalive");
            thread.setDaemon(true);
            return thread;
        });
    }

    String base() {
        return base;
    }

    JsonMapper json() {
        return json;
    }

    /** Starts keeping the backend session alive; {@code onNewSession} runs after each new backend session. */
    void start(Runnable onNewSession) {
        this.onNewSession = onNewSession;
        timer.scheduleWithFixedDelay(this::tick, 0, keepalive.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }

    /** A synchronous VideoRoom request on the backend handle; its {@code plugindata.data}. */
    JsonNode videoroom(ObjectNode request) {
        for (int attempt = 0; ; attempt++) {
            long[] backend = backend();
            ObjectNode message = json.createObjectNode().put("janus", "message").put("transaction", transaction());
            message.set("body", request);
            JsonNode answer = post("/" + backend[0] + "/" + backend[1], message);
            int code = errorCode(answer);
            if ((code == SESSION_NOT_FOUND || code == HANDLE_NOT_FOUND) && attempt == 0) {
                forget(backend[0]);
                continue;
            }
            if (code != 0) {
                throw refused(request.path("request").asString(), answer);
            }
            JsonNode data = answer.path("plugindata").path("data");
            if (!"success".equals(answer.path("janus").asString()) || !data.isObject()) {
                throw new IllegalStateException("Janus answered VideoRoom " + request.path("request").asString()
                        + " unexpectedly: " + answer);
            }
            return data;
        }
    }

    /** Destroys a session (a removed user's); false when Janus no longer had it. */
    boolean destroySession(long sessionId) {
        JsonNode answer = post("/" + sessionId, json.createObjectNode().put("janus", "destroy").put("transaction", transaction()));
        int code = errorCode(answer);
        if (code == SESSION_NOT_FOUND) {
            return false;
        }
        if (code != 0) {
            throw refused("destroy", answer);
        }
        return true;
    }

    /** POSTs a Janus API request (the secret added) and returns Janus's answer, an error answer included. */
    JsonNode post(String path, ObjectNode body) {
        body.put("apisecret", apiSecret);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProviderUnavailable("Janus could not be reached at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted waiting for Janus", e);
        }
        return parse(response.statusCode(), response.body(), String.valueOf(body.path("janus").asString()));
    }

    /** For the relay: forwards one request as it is (the caller has added the secret), without waiting. */
    CompletableFuture<HttpResponse<String>> forward(String method, String pathAndQuery, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout("GET".equals(method) ? LONG_POLL : readTimeout)
                .header("Content-Type", "application/json");
        if ("GET".equals(method)) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    String apiSecret() {
        return apiSecret;
    }

    private JsonNode parse(int status, String body, String what) {
        if (status >= 500 || status == 429 || status == 408) {
            throw new ProviderUnavailable("Janus could not do " + what + " now (HTTP " + status + ")");
        }
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("Janus answered " + what + " with HTTP " + status + " and no JSON; check "
                    + JanusConfiguration.PREFIX + "url (" + base + "): " + snippet(body));
        }
        if (status != 200 && errorCode(answer) == 0) {
            throw new IllegalStateException("Janus answered " + what + " with HTTP " + status + ": " + snippet(body));
        }
        if (errorCode(answer) == 403) {
            throw new ProviderMisconfigured("Janus refused Tribune's API secret (" + answer.path("error").path("reason").asString()
                    + "); check " + JanusConfiguration.PREFIX + "api-secret");
        }
        return answer;
    }

    /** The backend session and VideoRoom handle, made now if there is none. */
    private long[] backend() {
        synchronized (lock) {
            if (session == 0) {
                JsonNode created = post("", json.createObjectNode().put("janus", "create").put("transaction", transaction()));
                long id = id(created, "create");
                ObjectNode attach = json.createObjectNode().put("janus", "attach").put("plugin", VIDEOROOM)
                        .put("opaque_id", "tribune-backend").put("transaction", transaction());
                long attached = id(post("/" + id, attach), "attach");
                session = id;
                handle = attached;
                generation++;
                log.info("Janus backend session {} at {}", id, base);
            }
            return new long[] {session, handle};
        }
    }

    private void forget(long gone) {
        synchronized (lock) {
            if (session == gone) {
                session = 0;
                handle = 0;
            }
        }
    }

    /** Keeps the backend session alive, makes a new one when Janus lost it, and runs the recovery once per session. */
    private void tick() {
        try {
            long current;
            synchronized (lock) {
                current = session;
            }
            if (current != 0) {
                int code = errorCode(post("/" + current, json.createObjectNode().put("janus", "keepalive").put("transaction", transaction())));
                if (code == SESSION_NOT_FOUND) {
                    log.warn("Janus at {} no longer knows the backend session {}: it restarted (or the session timed out)", base, current);
                    forget(current);
                }
            }
            backend();
            long made;
            synchronized (lock) {
                made = generation;
            }
            if (made != recovered) {
                onNewSession.run();
                recovered = made;
            }
        } catch (ProviderUnavailable e) {
            // the session is kept: if Janus comes back as a new process, the next keepalive gets 458
            log.warn("Janus keepalive: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Janus keepalive failed: {}", e.getMessage());
        }
    }

    static int errorCode(JsonNode answer) {
        if (answer != null && "error".equals(answer.path("janus").asString())) {
            return answer.path("error").path("code").asInt(-1);
        }
        return 0;
    }

    private static long id(JsonNode answer, String what) {
        long id = answer.path("data").path("id").asLong(0);
        if (errorCode(answer) != 0 || id == 0) {
            throw refused(what, answer);
        }
        return id;
    }

    private static IllegalStateException refused(String what, JsonNode answer) {
        return new IllegalStateException("Janus refused " + what + ": " + answer.path("error").path("code").asInt()
                + " " + answer.path("error").path("reason").asString());
    }

    static String transaction() {
        return UUID.randomUUID().toString();
    }

    private static String snippet(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
