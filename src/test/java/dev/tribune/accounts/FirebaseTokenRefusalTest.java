package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.firebase.AuthEmulator.FirebaseUser;
import dev.tribune.firebase.FirebaseSignInApiTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * ID tokens that do not sign anyone in: 401 problems saying why, never repeating the token, and no account made.
 * Against the emulator, firebase-admin does not check signatures (its tokens have none): a token whose claims were
 * changed is refused here for what the change breaks (project, expiry, a user who does not exist).
 */
@SuppressWarnings("unchecked")
class FirebaseTokenRefusalTest extends FirebaseSignInApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    FirebaseUser user;

    @BeforeEach
    void aGoogleUserWhoHasNeverSignedInToTribune() {
        user = EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), uniqueUsername("refused") + "@example.com", "Refused");
    }

    private void refused(String idToken, String detail) {
        Map<String, Object> problem = firebaseSignIn(idToken, null, 401);
        assertThat(problem).containsEntry("type", "/problems/unauthorized").containsEntry("status", 401)
                .containsEntry("detail", detail);
        assertThat(problem.toString()).doesNotContain(idToken);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE firebase_uid = ?").param(user.uid()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void anExpiredToken() {
        long hourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
        refused(withClaims(user.idToken(), Map.of("iat", hourAgo - 60, "auth_time", hourAgo - 60, "exp", hourAgo)),
                "The Firebase ID token has expired: sign in with Google again.");
    }

    @Test
    void aTokenOfAnotherFirebaseProject() {
        refused(withClaims(user.idToken(), Map.of("aud", "demo-elsewhere", "iss", "https://securetoken.google.com/demo-elsewhere")),
                "The Firebase ID token was issued for another Firebase project.");
    }

    @Test
    void aTokenOfADisabledUser() {
        EMULATOR.disable(user.uid());
        refused(user.idToken(), "This Firebase user is disabled.");
    }

    @Test
    void aRevokedToken() {
        EMULATOR.revokeTokens(user.uid());
        refused(user.idToken(), "The Firebase ID token has been revoked: sign in with Google again.");
    }

    @Test
    void aTokenTamperedToSpeakForSomeoneElse() {
        refused(withClaims(user.idToken(), Map.of("sub", "someone-else", "user_id", "someone-else")),
                "This Firebase user does not exist (any more).");
    }

    @Test
    void aTokenThatIsNotAToken() {
        String[] parts = user.idToken().split("\\.", -1);
        refused(parts[0] + "." + parts[1].substring(0, parts[1].length() / 2) + "!." + parts[2],
                "The Firebase ID token is not a well-formed token.");
        refused("not-a-token", "The Firebase ID token is not a well-formed token.");
    }

    @Test
    void aMissingOrOverlongTokenIsABadRequest() {
        assertThat(call(POST, "/api/v1/auth/firebase", null, Map.of(), 400).toString())
                .contains("idToken");
        assertThat(firebaseSignIn("x".repeat(10_000), null, 400).toString()).contains("idToken");
    }

    /** The token with some claims changed: the emulator's tokens are unsigned, so this is all a forger needs. */
    static String withClaims(String idToken, Map<String, Object> changes) {
        String[] parts = idToken.split("\\.", -1);
        Map<String, Object> claims = new LinkedHashMap<>(JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class));
        claims.putAll(changes);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + (parts.length > 2 ? parts[2] : "");
    }
}
