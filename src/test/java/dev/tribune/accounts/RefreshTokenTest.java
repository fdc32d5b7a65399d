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

    /** As if the token had been spent longer ago than the reuse grace (10 s by default). */
    private void spentLongAgo(String refreshToken) {
        jdbc.sql("UPDATE refresh_tokens SET used_at = used_at - interval '1 minute' WHERE token_hash = ?")
                .param(SecretTokens.hash(refreshToken)).update();
    }

    @Test
    void aSecondTabRefreshingWithTheSameTokenWithinTheGraceGetsItsOwnWorkingSession() {
        Session signedIn = register("twotabs");
        Session firstTab = refresh(signedIn.refreshToken());
        Session secondTab = refresh(signedIn.refreshToken());
        assertThat(secondTab.refreshToken()).isNotEqualTo(firstTab.refreshToken());
        // nothing was revoked: both tabs go on refreshing with their own successors
        refresh(firstTab.refreshToken());
        refresh(secondTab.refreshToken());
        client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(secondTab)).exchange().expectStatus().isOk();
    }

    @Test
    void aRefreshTokenSpentLongerAgoThanTheGraceIsRefused() {
        Session signedIn = register("once");
        refresh(signedIn.refreshToken());
        spentLongAgo(signedIn.refreshToken());
        refreshIsRefused(signedIn.refreshToken());
    }

    @Test
    void reusingASpentTokenAfterTheGraceRevokesEveryTokenDescendedFromIt() {
        Session signedIn = register("reuse");
        Session legitimate = refresh(signedIn.refreshToken());
        Session sibling = refresh(signedIn.refreshToken());
        Session grandchild = refresh(legitimate.refreshToken());
        // someone replays the stolen, long spent token
        spentLongAgo(signedIn.refreshToken());
        refreshIsRefused(signedIn.refreshToken());
        // every successor is dead too, even one still unused: both parties must sign in again
        refreshIsRefused(sibling.refreshToken());
        refreshIsRefused(grandchild.refreshToken());
        refreshIsRefused(legitimate.refreshToken());
    }

    @Test
    void reuseRevokesOnlyThatSignInsFamily() {
        Session laptop = register("family");
        Session phone = session(client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", laptop.username(), "password", "correct horse"))
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody(), laptop.username());
        refresh(laptop.refreshToken());
        spentLongAgo(laptop.refreshToken());
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
