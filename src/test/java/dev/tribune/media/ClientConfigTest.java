package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * GET /api/v1/config: what the web client renders itself from, before anyone signs in. The tests' deployment has two
 * active providers: mesh (the default) and the recording test adapter.
 */
class ClientConfigTest extends ApiTest {

    @Test
    void theActiveProvidersAndTheDefaultAreToldToAnyone() {
        Map<String, Object> config = client.get().uri("/api/v1/config").exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
        assertThat((Map<String, Object>) config.get("providers")).containsEntry("default", "mesh")
                .containsEntry("active", List.of("mesh", "recording"));
        assertThat(config).containsEntry("firebase", null);
        assertThat((Map<String, Object>) config.get("features")).containsEntry("guests", true)
                .containsEntry("firebaseSignIn", false).containsEntry("push", false);
    }

    @Test
    void withoutFirebaseItsSignInIsNotThere() {
        Map<String, Object> problem = client.post().uri("/api/v1/auth/firebase").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("idToken", "eyJhbGciOiJub25lIn0.e30.")).exchange()
                .expectStatus().isNotFound().returnResult(Map.class).getResponseBody();
        assertThat(problem).containsEntry("type", "/problems/not-found")
                .containsEntry("detail", "Firebase sign-in is not enabled here.");
    }

    @Test
    void aStaleOrBrokenTokenDoesNotStopTheClientFromReadingIt() {
        client.get().uri("/api/v1/config").header(HttpHeaders.AUTHORIZATION, "Bearer expired.or.forged").exchange()
                .expectStatus().isOk();
        client.get().uri("/api/v1/config").header(HttpHeaders.AUTHORIZATION, bearer(register("configreader"))).exchange()
                .expectStatus().isOk();
    }

    @Nested
    @TestPropertySource(properties = "tribune.rtc.provider=recording")
    @DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
    class WhenAnotherProviderIsTheDefault {

        // this context's own server: the enclosing instance's client talks to the enclosing context's
        @LocalServerPort
        int ownPort;

        @Test
        void thatOneIsTheDefaultAndBothAreStillActive() {
            RestTestClient own = RestTestClient.bindToServer(new JdkClientHttpRequestFactory()).baseUrl("http://localhost:" + ownPort).build();
            Map<String, Object> config = own.get().uri("/api/v1/config").exchange()
                    .expectStatus().isOk().returnResult(Map.class).getResponseBody();
            assertThat((Map<String, Object>) config.get("providers")).containsEntry("default", "recording")
                    .containsEntry("active", List.of("mesh", "recording"));
        }
    }
}
