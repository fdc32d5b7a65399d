package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

class AccessTokenTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAccessTokenIsAnHs256JwtNamingTheUserAndWhetherTheyAreAGuest() {
        Session member = register("jwt");
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(TEST_JWT_SECRET)).build().verify(member.accessToken());
        assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
        assertThat(jwt.getSubject()).isEqualTo(member.userId().toString());
        assertThat(jwt.getClaim("guest").asBoolean()).isFalse();
        // the default lifetime is one hour
        assertThat(Duration.between(jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant())).isEqualTo(Duration.ofHours(1));

        Session guest = guest();
        assertThat(JWT.decode(guest.accessToken()).getClaim("guest").asBoolean()).isTrue();
    }

    @Test
    void anExpiredTokenIs401() {
        Session member = register("exp");
        String expired = JWT.create().withIssuer("tribune").withSubject(member.userId().toString()).withClaim("guest", false)
                .withIssuedAt(Instant.now().minus(Duration.ofHours(2))).withExpiresAt(Instant.now().minus(Duration.ofHours(1)))
                .sign(Algorithm.HMAC256(TEST_JWT_SECRET));
        meWith("Bearer " + expired).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized");
    }

    @Test
    void aTamperedTokenIs401() {
        Session member = register("tamper");
        Session other = register("victim");
        String[] parts = member.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace(member.userId().toString(), other.userId().toString());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        meWith("Bearer " + forged).expectStatus().isUnauthorized();
    }

    @Test
    void aTokenSignedWithAnotherKeyOrNoneIs401() {
        Session member = register("otherkey");
        String otherKey = JWT.create().withIssuer("tribune").withSubject(member.userId().toString()).withClaim("guest", false)
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256("another-secret-another-secret-another-secret"));
        meWith("Bearer " + otherKey).expectStatus().isUnauthorized();
        String unsigned = JWT.create().withIssuer("tribune").withSubject(member.userId().toString()).withClaim("guest", false)
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.none());
        meWith("Bearer " + unsigned).expectStatus().isUnauthorized();
    }

    @Test
    void garbageAndOtherSchemesAre401() {
        meWith("Bearer not.a.jwt").expectStatus().isUnauthorized();
        meWith("Bearer ").expectStatus().isUnauthorized();
        meWith("Basic dXNlcjpwYXNz").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized");
    }

    @Test
    void aSuspendedAccountIsStoppedAtOnceAndCannotSignIn() {
        Session member = register("suspended");
        jdbc.sql("UPDATE users SET suspended_until = now() + interval '1 day' WHERE id = ?").param(member.userId()).update();
        meWith(bearer(member)).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/suspended");
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", member.username(), "password", "correct horse"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/suspended");

        jdbc.sql("UPDATE users SET suspended_until = now() - interval '1 second' WHERE id = ?").param(member.userId()).update();
        meWith(bearer(member)).expectStatus().isOk();
    }

    private RestTestClient.ResponseSpec meWith(String authorization) {
        return client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, authorization).exchange();
    }
}
