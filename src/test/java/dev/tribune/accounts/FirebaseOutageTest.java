package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.firebase.AuthEmulator.FirebaseUser;
import dev.tribune.firebase.FirebaseSignInApiTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * A Firebase that cannot be reached, or does not answer, is 503 {@code /problems/provider-unavailable} with
 * Retry-After, within {@code tribune.firebase.timeout} (2 s here): a sign-in never hangs. Once Firebase is back, the
 * same token signs in.
 */
class FirebaseOutageTest extends FirebaseSignInApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    // the answer's own way through HTTP and Spring, on a machine shared with other builds
    private static final Duration SLACK = Duration.ofSeconds(3);

    FirebaseUser user;

    @BeforeEach
    void aGoogleUser() {
        user = EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), uniqueUsername("outage") + "@example.com", null);
    }

    @AfterEach
    void firebaseIsBack() {
        ROAD.open();
    }

    @Test
    void unreachableFirebaseIsAProviderUnavailableProblemAtOnce() {
        ROAD.cut();
        assertUnavailableWithin(TIMEOUT);
        ROAD.open();
        firebaseSignIn(user.idToken(), null, 200);
    }

    @Test
    void aFirebaseThatDoesNotAnswerIsAProviderUnavailableProblemWithinTheTimeout() {
        ROAD.stall();
        assertUnavailableWithin(TIMEOUT.plus(SLACK));
        ROAD.open();
        firebaseSignIn(user.idToken(), null, 200);
    }

    private void assertUnavailableWithin(Duration limit) {
        long start = System.nanoTime();
        EntityExchangeResult<Map> answer = client.post().uri("/api/v1/auth/firebase")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("idToken", user.idToken()))
                .exchange().expectStatus().isEqualTo(503).returnResult(Map.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(limit);
        assertThat(answer.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getResponseBody()).containsEntry("type", "/problems/provider-unavailable").containsEntry("status", 503);
        assertThat(answer.getResponseBody().toString()).doesNotContain(user.idToken());
    }
}
