package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

class AccountSettingsTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void meDescribesTheSignedInAccount() {
        Session account = register("me");
        client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(account))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(account.userId().toString())
                .jsonPath("$.username").isEqualTo(account.username())
                .jsonPath("$.displayName").isEqualTo("Test me")
                .jsonPath("$.guest").isEqualTo(false);
    }

    @Test
    void changingThePasswordKillsEveryRefreshTokenAndTheNewPasswordWorks() {
        Session account = register("pw");
        client.put().uri("/api/v1/me/password").header(HttpHeaders.AUTHORIZATION, bearer(account))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", "correct horse", "newPassword", "battery staple"))
                .exchange()
                .expectStatus().isNoContent();

        client.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("refreshToken", account.refreshToken()))
                .exchange().expectStatus().isUnauthorized();
        login(account.username(), "correct horse").expectStatus().isUnauthorized();
        login(account.username(), "battery staple").expectStatus().isOk();
    }

    @Test
    void theCurrentPasswordMustBeRight() {
        Session account = register("pwwrong");
        client.put().uri("/api/v1/me/password").header(HttpHeaders.AUTHORIZATION, bearer(account))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", "not it", "newPassword", "battery staple"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
        login(account.username(), "correct horse").expectStatus().isOk();
    }

    @Test
    void theNewPasswordMustBeLongEnough() {
        Session account = register("pwshort");
        client.put().uri("/api/v1/me/password").header(HttpHeaders.AUTHORIZATION, bearer(account))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", "correct horse", "newPassword", "short"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("newPassword");
    }

    @Test
    void deletingTheAccountErasesItsPersonalDataAndEndsItsSessions() {
        Session account = register("gone");
        client.delete().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(account))
                .exchange()
                .expectStatus().isNoContent();

        // its tokens, refresh token and password are all dead
        client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(account))
                .exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("refreshToken", account.refreshToken()))
                .exchange().expectStatus().isUnauthorized();
        login(account.username(), "correct horse").expectStatus().isUnauthorized();

        // the row stays as an anonymous tombstone so chat lines and reports keep an author
        Map<String, Object> row = jdbc.sql("SELECT username, display_name, password_hash, deleted_at FROM users WHERE id = ?")
                .param(account.userId()).query().singleRow();
        assertThat(row.get("username")).isNull();
        assertThat(row.get("password_hash")).isNull();
        assertThat(row.get("display_name")).isEqualTo("deleted user");
        assertThat(row.get("deleted_at")).isNotNull();

        // and the username is free again
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", account.username(), "password", "correct horse", "displayName", "Newcomer"))
                .exchange().expectStatus().isCreated();
    }

    @Test
    void aGuestCanDeleteItselfToo() {
        Session guest = guest();
        client.delete().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(guest))
                .exchange().expectStatus().isNoContent();
        UUID id = guest.userId();
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM users WHERE id = ?").param(id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void everyAccountEndpointNeedsAToken() {
        client.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized");
        client.put().uri("/api/v1/me/password").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currentPassword", "a", "newPassword", "bbbbbbbb"))
                .exchange().expectStatus().isUnauthorized();
        client.delete().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/v1/auth/ws-ticket").exchange().expectStatus().isUnauthorized();
    }

    private RestTestClient.ResponseSpec login(String username, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", password))
                .exchange();
    }
}
