package dev.tribune.firebase;

import com.google.firebase.internal.FirebaseProcessEnvironment;
import dev.tribune.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Base of the API tests with Firebase on, against the real Auth emulator (one shared context for all of them). The
 * service reaches the emulator over a {@link RoadToFirebase} that a test may cut or stall. firebase-admin reads
 * {@code FIREBASE_AUTH_EMULATOR_HOST} through {@link FirebaseProcessEnvironment}, in-process, and not only at start:
 * it is set while these tests run and put back after each class, as it also turns every other FirebaseApp of the
 * JVM (push tests' included) to emulator credentials.
 */
@TestPropertySource(properties = {
        "tribune.firebase.project-id=" + AuthEmulator.PROJECT,
        // short, so that the outage tests show an answer within it
        "tribune.firebase.timeout=2s",
        "tribune.firebase.web.api-key=test-api-key",
        "tribune.firebase.web.auth-domain=" + AuthEmulator.PROJECT + ".firebaseapp.com",
        "tribune.firebase.web.messaging-sender-id=1234567890",
        "tribune.firebase.web.app-id=1:1234567890:web:tribune",
        "tribune.firebase.web.vapid-key=test-vapid-key"})
public abstract class FirebaseSignInApiTest extends ApiTest {

    protected static final AuthEmulator EMULATOR = AuthEmulator.start();
    protected static final RoadToFirebase ROAD = new RoadToFirebase(EMULATOR.host());
    private static String before;

    /** Runs as the context is made, before the FirebaseApp is built (its credentials depend on emulator mode). */
    @DynamicPropertySource
    static void firebaseGoesToTheEmulator(DynamicPropertyRegistry registry) {
        pointFirebaseAtTheEmulator();
    }

    @BeforeAll
    static void pointFirebaseAtTheEmulator() {
        if (before == null) {
            String current = FirebaseProcessEnvironment.getenv(FirebaseConnection.AUTH_EMULATOR_HOST);
            before = current == null ? "" : current;
        }
        FirebaseProcessEnvironment.setenv(FirebaseConnection.AUTH_EMULATOR_HOST, ROAD.host());
    }

    @AfterAll
    static void putTheEnvironmentBack() {
        ROAD.open();
        FirebaseProcessEnvironment.setenv(FirebaseConnection.AUTH_EMULATOR_HOST, before == null ? "" : before);
        before = null;
    }

    /** POST /api/v1/auth/firebase with {@code idToken}, as {@code bearer} (null: none); expects {@code status}. */
    protected Map<String, Object> firebaseSignIn(String idToken, Session bearer, int status) {
        return firebaseSignIn(client, idToken, bearer, status);
    }

    protected static Map<String, Object> firebaseSignIn(RestTestClient client, String idToken, Session bearer, int status) {
        var request = client.post().uri("/api/v1/auth/firebase").contentType(MediaType.APPLICATION_JSON);
        if (bearer != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer(bearer));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = request.body(Map.of("idToken", idToken)).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
        return answer;
    }

    /** A session from a 200 answer of POST /api/v1/auth/firebase. */
    @SuppressWarnings("unchecked")
    protected static Session sessionOf(Map<String, Object> answer) {
        return session(answer, (String) ((Map<String, Object>) answer.get("user")).get("username"));
    }
}
