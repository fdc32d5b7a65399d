package dev.tribune.moderation;

import dev.tribune.ApiTest;
import java.util.Map;
import org.springframework.http.MediaType;

/** The configured staff ADMIN, signed in: registered by the first test that asks, signed in by the others. */
abstract class StaffSessions extends ApiTest {

    protected Session staffAdmin() {
        var registered = client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", STAFF_ADMIN, "password", "correct horse", "displayName", "Staff admin"))
                .exchange().returnResult(Map.class);
        if (registered.getStatus().value() == 201) {
            return session(registered.getResponseBody(), STAFF_ADMIN);
        }
        return session(client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", STAFF_ADMIN, "password", "correct horse"))
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody(), STAFF_ADMIN);
    }
}
