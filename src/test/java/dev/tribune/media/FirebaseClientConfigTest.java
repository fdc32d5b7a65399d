package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.firebase.FirebaseSignInApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/config with Firebase on: the web app config the Firebase JS SDK starts from, and the features it adds. */
@SuppressWarnings("unchecked")
class FirebaseClientConfigTest extends FirebaseSignInApiTest {

    @Test
    void firebaseWebConfigAndTheAuthEmulatorAreToldToAnyone() {
        Map<String, Object> config = client.get().uri("/api/v1/config").exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();

        assertThat((Map<String, Object>) config.get("firebase"))
                .containsEntry("apiKey", "test-api-key")
                .containsEntry("authDomain", "demo-tribune.firebaseapp.com")
                .containsEntry("projectId", "demo-tribune")
                .containsEntry("messagingSenderId", "1234567890")
                .containsEntry("appId", "1:1234567890:web:tribune")
                .containsEntry("vapidKey", "test-vapid-key")
                .containsEntry("authEmulatorUrl", "http://" + ROAD.host());
        assertThat((Map<String, Object>) config.get("features")).containsEntry("guests", true)
                .containsEntry("firebaseSignIn", true).as("a VAPID key is configured").containsEntry("push", true);
    }
}
