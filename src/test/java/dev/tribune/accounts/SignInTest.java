package dev.tribune.accounts;

import dev.tribune.ApiTest;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class SignInTest extends ApiTest {

    @Test
    void theRightPasswordSignsIn() {
        Session account = register("login");
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", account.username().toUpperCase(), "password", "correct horse"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.user.id").isEqualTo(account.userId().toString())
                .jsonPath("$.accessToken").isNotEmpty()
                .jsonPath("$.refreshToken").isNotEmpty()
                .jsonPath("$.expiresAt").isNotEmpty();
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        Session account = register("wrongpw");
        for (String username : new String[] {account.username(), uniqueUsername("nobody")}) {
            client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("username", username, "password", "not the password"))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("/problems/unauthorized")
                    .jsonPath("$.detail").isEqualTo("Wrong username or password.");
        }
    }

    @Test
    void aGuestHasNoUsernameAndGetsADisplayName() {
        client.post().uri("/api/v1/auth/guest").contentType(MediaType.APPLICATION_JSON).body(Map.of("displayName", "Listener"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.user.guest").isEqualTo(true)
                .jsonPath("$.user.username").isEmpty()
                .jsonPath("$.user.displayName").isEqualTo("Listener")
                .jsonPath("$.accessToken").isNotEmpty();
        // the body is optional: a guest without a name gets one
        client.post().uri("/api/v1/auth/guest")
                .exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.user.displayName").value(String.class,
                        name -> Assertions.assertThat(name).startsWith("Guest "));
    }

    @Test
    void aGuestSeesItselfAsAGuest() {
        Session guest = guest();
        client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(guest))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.guest").isEqualTo(true)
                .jsonPath("$.username").isEmpty();
    }

    @Test
    void aGuestHasNoPasswordToChange() {
        Session guest = guest();
        client.put().uri("/api/v1/me/password").header(HttpHeaders.AUTHORIZATION, bearer(guest))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", "anything", "newPassword", "a new password"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
    }
}
