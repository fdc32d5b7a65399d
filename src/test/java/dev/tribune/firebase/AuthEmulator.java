package dev.tribune.firebase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Firebase Auth emulator (firebase-tools, pinned in {@code ops/firebase-emulator}), started once per test JVM
 * on free ports and stopped when the JVM exits. People and their ID tokens are made through the emulator's REST API,
 * as the Firebase JS SDK would make them: Google users through {@code accounts:signInWithIdp} with the emulator's
 * unsigned stand-in for Google's ID token, and the admin acts (disable, revoke) with {@code Authorization: Bearer
 * owner}. Its ID tokens are unsigned ({@code alg: none}): firebase-admin accepts them only in emulator mode, that is
 * with {@code FIREBASE_AUTH_EMULATOR_HOST} set.
 */
public final class AuthEmulator {

    public static final String PROJECT = "demo-tribune";
    private static final Path HOME = Path.of("ops/firebase-emulator");
    private static final Duration START_WITHIN = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static AuthEmulator running;

    private final String host;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A Firebase user and a fresh ID token of theirs. */
    public record FirebaseUser(String uid, String idToken) {
    }

    private AuthEmulator(String host) {
        this.host = host;
    }

    /** The emulator of this JVM, started on first use. */
    public static synchronized AuthEmulator start() {
        if (running == null) {
            running = launch();
        }
        return running;
    }

    /** host:port, as {@code FIREBASE_AUTH_EMULATOR_HOST} takes it. */
    public String host() {
        return host;
    }

    /**
     * Signs in with Google as the person with Google account id {@code googleId}: their Firebase user is made on the
     * first call, and every call hands out a fresh ID token. {@code email} or {@code name} may be null.
     */
    public FirebaseUser signInWithGoogle(String googleId, String email, String name) {
        Map<String, Object> google = new LinkedHashMap<>();
        google.put("sub", googleId);
        if (email != null) {
            google.put("email", email);
            google.put("email_verified", true);
        }
        if (name != null) {
            google.put("name", name);
        }
        String postBody = "id_token=" + JSON.writeValueAsString(google) + "&providerId=google.com";
        JsonNode answer = post("/identitytoolkit.googleapis.com/v1/accounts:signInWithIdp?key=any", false,
                Map.of("postBody", postBody, "requestUri", "http://localhost", "returnSecureToken", true));
        return new FirebaseUser(answer.get("localId").asString(), answer.get("idToken").asString());
    }

    /** Disables the user in Firebase, as an administrator would in the console. */
    public void disable(String uid) {
        post("/identitytoolkit.googleapis.com/v1/projects/" + PROJECT + "/accounts:update", true,
                Map.of("localId", uid, "disableUser", true));
    }

    /**
     * Revokes the user's tokens as {@code revokeRefreshTokens} does, by moving {@code validSince} on. A second ahead:
     * firebase-admin counts a token revoked when its {@code auth_time}, in whole seconds, is before it, and the
     * token may have been issued within this very second.
     */
    public void revokeTokens(String uid) {
        post("/identitytoolkit.googleapis.com/v1/projects/" + PROJECT + "/accounts:update", true,
                Map.of("localId", uid, "validSince", Long.toString(Instant.now().getEpochSecond() + 1)));
    }

    private JsonNode post(String path, boolean asAdmin, Map<String, Object> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (asAdmin) {
            request.header("Authorization", "Bearer owner");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The Auth emulator answered " + path + " with " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static AuthEmulator launch() {
        try {
            Path home = HOME.toAbsolutePath();
            if (!Files.isExecutable(home.resolve("node_modules/.bin/firebase"))) {
                run(home, Duration.ofMinutes(10), "npm", "ci", "--no-audit", "--no-fund");
            }
            int auth = freePort();
            int hub = freePort();
            int logging = freePort();
            // a config of our own: the pinned firebase.json's fixed port may be taken by another build on this machine
            Path work = Files.createTempDirectory("tribune-auth-emulator");
            Files.writeString(work.resolve("firebase.json"), """
                    {"emulators": {"auth": {"host": "127.0.0.1", "port": %d}, "hub": {"host": "127.0.0.1", "port": %d},
                     "logging": {"host": "127.0.0.1", "port": %d}, "ui": {"enabled": false}, "singleProjectMode": true}}
                    """.formatted(auth, hub, logging));
            Path log = work.resolve("emulator.log");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("node_modules/.bin/firebase").toString(),
                    "emulators:start", "--only", "auth", "--project", PROJECT, "--config", work.resolve("firebase.json").toString())
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("NO_UPDATE_NOTIFIER", "1");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
            AuthEmulator emulator = new AuthEmulator("127.0.0.1:" + auth);
            emulator.awaitReady(process, log);
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("The Firebase Auth emulator could not be started", e);
        }
    }

    private void awaitReady(Process process, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_WITHIN);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + host + "/")).timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Firebase Auth emulator exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"ready\": true")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop(process);
        throw new IllegalStateException("The Firebase Auth emulator was not ready within " + START_WITHIN + ":\n" + Files.readString(log));
    }

    /** firebase-tools runs the emulator in child processes of its own: they go first. */
    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(Path directory, Duration within, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        try {
            if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed in " + directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
