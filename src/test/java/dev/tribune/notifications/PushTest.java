package dev.tribune.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tribune.ApiTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the push tests: one Spring context with Firebase on, whose FCM ({@code fcm.googleapis.com}) and OAuth token
 * endpoint are a WireMock server that answers as Google documents (FCM HTTP v1 {@code projects.messages.send}, its
 * error format of firebase.google.com/docs/cloud-messaging/error-codes, and the OAuth 2.0 JWT bearer grant). The
 * credentials are a service-account file made here with a fresh RSA key, so firebase-admin runs its real credential
 * flow: a signed assertion exchanged for an access token, then sent as {@code Authorization: Bearer}. Each test uses
 * its own device tokens, so the one server serves them all. The workers poll every 100 ms, so tests wait until.
 */
abstract class PushTest extends ApiTest {

    static final String PROJECT = "demo-push";
    static final String ACCESS_TOKEN = "ya29.test-access-token";
    static final String SEND_PATH = "/v1/projects/" + PROJECT + "/messages:send";
    static final String CLIENT_EMAIL = "tribune-push@" + PROJECT + ".iam.gserviceaccount.com";
    static final KeyPair KEY = rsaKey();
    static final WireMockServer GOOGLE = google();
    static final Path SERVICE_ACCOUNT = serviceAccount();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    NoticeService notices;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void firebase(DynamicPropertyRegistry registry) {
        registry.add("tribune.firebase.project-id", () -> PROJECT);
        registry.add("tribune.firebase.credentials-file", SERVICE_ACCOUNT::toString);
        registry.add("tribune.firebase.messaging-url", GOOGLE::baseUrl);
        registry.add("tribune.firebase.timeout", () -> "3s");
        registry.add("tribune.notifications.poll-interval", () -> "100ms");
        registry.add("tribune.notifications.push.backoff", () -> "200ms");
        // small batches: many claims race in the concurrency test, and no burst of thousands outruns the stand-in
        registry.add("tribune.notifications.push.batch-size", () -> "100");
        // long enough for a batch to be sent at the test's rate; the crash test claims for 2 s itself
        registry.add("tribune.notifications.push.claim-timeout", () -> "20s");
        registry.add("tribune.public-url", () -> "https://tribune.test");
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WireMockServer google() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(200));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        // the OAuth 2.0 token endpoint of the service account's token_uri (JWT bearer grant, RFC 7523)
        server.stubFor(post(urlEqualTo("/token"))
                .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
                .willReturn(okJson("{\"access_token\": \"" + ACCESS_TOKEN + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}")));
        // projects.messages.send answers the sent Message with its name (the documented response body)
        server.stubFor(post(urlEqualTo(SEND_PATH)).atPriority(10)
                .willReturn(okJson("{\"name\": \"projects/" + PROJECT + "/messages/0:1500415314455276%31bd1c9631bd1c96\"}")));
        return server;
    }

    private static Path serviceAccount() {
        try {
            Path file = Files.createTempFile("tribune-push-service-account", ".json");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(file, JsonMapper.builder().build().writeValueAsString(Map.of(
                    "type", "service_account",
                    "project_id", PROJECT,
                    "private_key_id", "test-key-1",
                    "private_key", pem,
                    "client_email", CLIENT_EMAIL,
                    "client_id", "100000000000000000001",
                    "token_uri", "http://localhost:" + GOOGLE.port() + "/token")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEY.getPublic();
    }

    /** A device of {@code session}'s, registered through the API; its token is unique to the test. */
    String device(Session session) {
        String token = "fcm-" + UUID.randomUUID() + ":APA91b" + UUID.randomUUID().toString().replace("-", "");
        call(HttpMethod.POST, "/api/v1/me/push-tokens", session, Map.of("token", token, "platform", "WEB"), 201);
        return token;
    }

    /** Tells them a notice, as a producer does, in a transaction of its own; returns the notice's id. */
    UUID tell(UUID userId, NoticeKind kind, Map<String, Object> data) {
        String key = "test:" + UUID.randomUUID();
        transactions.executeWithoutResult(tx -> notices.tell(userId, kind, data, key));
        return jdbc.sql("SELECT id FROM notices WHERE user_id = ? AND dedupe_key = ?").params(userId, key).query(UUID.class).single();
    }

    /**
     * {@code n} accounts made straight in the database (registering thousands through the API would take minutes), each
     * with one web device whose token is returned by user id.
     */
    Map<UUID, String> peopleWithDevices(int n) {
        Map<UUID, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            tokens.put(UUID.randomUUID(), "bulk-" + UUID.randomUUID());
        }
        String[] ids = tokens.keySet().stream().map(UUID::toString).toArray(String[]::new);
        String[] tokenList = tokens.values().toArray(String[]::new);
        jdbc.sql("INSERT INTO users (id, display_name, created_at) SELECT id, 'Listener', now() FROM unnest(?::uuid[]) AS t (id)")
                .param(ids).update();
        jdbc.sql("""
                INSERT INTO push_devices (id, user_id, token, platform, created_at, last_seen_at)
                SELECT gen_random_uuid(), t.id, t.token, 'WEB', now(), now() FROM unnest(?::uuid[], ?::text[]) AS t (id, token)""")
                .params(ids, tokenList).update();
        return tokens;
    }

    /** How many times FCM was sent each token, of every messages:send it received. */
    static Map<String, Long> sendsByToken() {
        return GOOGLE.findAll(postRequestedFor(urlEqualTo(SEND_PATH))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).path("message").path("token").asString())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    }

    /** The messages:send requests FCM received for this device token. */
    static List<LoggedRequest> sendsTo(String token) {
        return GOOGLE.findAll(postRequestedFor(urlEqualTo(SEND_PATH)).withRequestBody(matchingJsonPath("$.message.token", equalTo(token))));
    }

    static void waitUntil(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    boolean queued(UUID noticeId) {
        return jdbc.sql("SELECT count(*) FROM push_outbox WHERE notice_id = ?").param(noticeId).query(Long.class).single() > 0;
    }

    boolean registered(String token) {
        return jdbc.sql("SELECT count(*) FROM push_devices WHERE token = ?").param(token).query(Long.class).single() > 0;
    }

    /** An FCM error response as documented: {@code {"error": {code, message, status, details: [FcmError]}}}. */
    static String fcmError(int code, String status, String errorCode, String message) {
        return """
                {"error": {"code": %d, "message": "%s", "status": "%s", "details": [
                  {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": "%s"}]}}"""
                .formatted(code, message, status, errorCode);
    }

    static ResponseDefinitionBuilder fcmErrorResponse(int code, String status,
            String errorCode, String message) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(fcmError(code, status, errorCode, message));
    }
}
