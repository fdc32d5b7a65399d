package dev.tribune;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Base of the tests that drive the real HTTP API of a running service, against the shared real PostgreSQL
 * ({@link TestDatabase}). All such tests share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // a generous sign-in limit: every test signs in from 127.0.0.1 (the limit has its own test)
        "tribune.auth.rate-limit.permits=100000",
        // every test context shares one database: no context's sweepers may act on another's rooms mid-test
        // (the tests of room.counts and presence call them directly)
        "tribune.rooms.counts-interval=1h", "tribune.presence.sweep-interval=1h",
        // nor move another context's rooms off a provider it sees down (ProviderFailoverTest calls the round itself)
        "tribune.rtc.failover-check-interval=1h",
        // contexts share one database and are paused while others run, which looks like a deployment restarting
        // again and again: no restart grace here (RestartGraceTest sets its own)
        "tribune.presence.restart-grace=0s",
        // the staff ADMIN the moderation tests sign in as (registered by the first test that needs it)
        "tribune.moderation.admins=" + ApiTest.STAFF_ADMIN,
        "tribune.http.cors-allowed-origins=" + ApiTest.ALLOWED_ORIGIN})
public abstract class ApiTest {

    public static final String TEST_JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";
    public static final String ALLOWED_ORIGIN = "https://app.tribune.test";
    public static final String STAFF_ADMIN = "tribune_admin";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    protected int port;

    protected RestTestClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("tribune.auth.jwt-secret", () -> TEST_JWT_SECRET);
    }

    @BeforeEach
    void connect() {
        client = RestTestClient.bindToServer(new JdkClientHttpRequestFactory()).baseUrl("http://localhost:" + port).build();
    }

    /** A username no other test uses. */
    protected static String uniqueUsername(String prefix) {
        return (prefix + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet()).toLowerCase();
    }

    public record Session(UUID userId, String username, String accessToken, String refreshToken) {
    }

    protected Session register(String prefix) {
        String username = uniqueUsername(prefix);
        return session(client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", "correct horse", "displayName", "Test " + prefix))
                .exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody(), username);
    }

    protected Session guest() {
        return session(client.post().uri("/api/v1/auth/guest").contentType(MediaType.APPLICATION_JSON).body(Map.of())
                .exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody(), null);
    }

    @SuppressWarnings("unchecked")
    protected static Session session(Map<?, ?> body, String username) {
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        return new Session(UUID.fromString((String) user.get("id")), username, (String) body.get("accessToken"),
                (String) body.get("refreshToken"));
    }

    /** Calls an endpoint as {@code session} and expects {@code status}; returns the JSON body, if any. */
    protected Map<String, Object> call(HttpMethod method, String uri, Session session, Object body, int status) {
        var request = client.method(method).uri(uri);
        if (session != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer(session));
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = request.exchange().expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
        return answer;
    }

    protected Map<String, Object> get(String uri, Session session) {
        return call(HttpMethod.GET, uri, session, null, 200);
    }

    protected static String bearer(Session session) {
        return "Bearer " + session.accessToken();
    }
}
