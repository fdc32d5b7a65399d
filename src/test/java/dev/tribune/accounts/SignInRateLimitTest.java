package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Runs in a context of its own, with a small limit, so it does not starve the other tests. */
@TestPropertySource(properties = {"tribune.auth.rate-limit.permits=3", "tribune.auth.rate-limit.window=1h"})
class SignInRateLimitTest extends ApiTest {

    @Test
    void signInsRegistrationsGuestsAndFirebaseSignInsFromOneAddressShareALimitThenGet429WithRetryAfter() {
        client.post().uri("/api/v1/auth/guest").exchange().expectStatus().isCreated();
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "nobody_here", "password", "whatever1")).exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", uniqueUsername("limit"), "password", "correct horse", "displayName", "L"))
                .exchange().expectStatus().isCreated();

        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "nobody_here", "password", "whatever1"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retry -> assertThat(Long.parseLong(retry)).isPositive())
                .expectBody().jsonPath("$.type").isEqualTo("/problems/rate-limited");
        client.post().uri("/api/v1/auth/guest").exchange().expectStatus().isEqualTo(429);
        client.post().uri("/api/v1/auth/firebase").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("idToken", "eyJhbGciOiJub25lIn0.e30.")).exchange().expectStatus().isEqualTo(429);
    }
}
