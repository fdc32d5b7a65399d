package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

class RefreshTokenTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    private Session refresh(String refreshToken) {
        return session(client.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("refreshToken", refreshToken))
                .exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody(), null);
    }

    private void refreshIsRefused(String refreshToken) {
        client.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("refreshToken", refreshToken))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized");
    }

    @Test
    void aRefreshGivesANewSessionAndANewRefreshToken() {
        Session signedIn = register("refresh");
        Session refreshed = refresh(signedIn.refreshToken());
        assertThat(refreshed.userId()).isEqualTo(signedIn.userId());
        assertThat(refreshed.refreshToken()).isNotEqualTo(signedIn.refreshToken());
        client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(refreshed))
                .exchange().expectStatus().isOk();
        // and the successor works in turn
        refresh(refreshed.refreshToken());
    }

    @Test
    void aRefreshTokenWorksOnlyOnce() {
        Session signedIn = register("once");
        refresh(signedIn.refreshToken());
        refreshIsRefused(signedIn.refreshToken());
    }

    @Test
    void reusingASpentTokenRevokesEveryTokenDescendedFromIt() {
        Session signedIn = register("reuse");
        Session legitimate = refresh(signedIn.refreshToken());
        // someone replays the stolen, already spent token
        refreshIsRefused(signedIn.refreshToken());
        // the legitimate successor is dead too: both parties must sign in again
        refreshIsRefused(legitimate.refreshToken());
    }

    @Test
    void reuseRevokesOnlyThatSignInsFamily() {
        Session laptop = register("family");
        Session phone = session(client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", laptop.username(), "password", "correct horse"))
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody(), laptop.username());
        refresh(laptop.refreshToken());
        refreshIsRefused(laptop.refreshToken());
        refresh(phone.refreshToken());
    }

    @Test
    void unknownAndExpiredTokensAreRefused() {
        refreshIsRefused("not-a-token");
        Session signedIn = register("expired");
        jdbc.sql("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ?")
                .param(signedIn.userId()).update();
        refreshIsRefused(signedIn.refreshToken());
    }

    @Test
    void onlyTheHashOfARefreshTokenIsStored() {
        Session signedIn = register("stored");
        Integer plain = jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE encode(token_hash, 'escape') LIKE ?")
                .param("%" + signedIn.refreshToken() + "%").query(Integer.class).single();
        assertThat(plain).isZero();
    }

    @Test
    void aRefreshTokenIsRequired() {
        client.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON).body(Map.of())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("refreshToken");
    }
}
