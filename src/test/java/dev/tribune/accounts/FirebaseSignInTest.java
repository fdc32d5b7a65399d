package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.firebase.AuthEmulator.FirebaseUser;
import dev.tribune.firebase.FirebaseSignInApiTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * POST /api/v1/auth/firebase (API.md "Accounts"): a Google user signs in with the ID token the Firebase JS SDK gives
 * them. The first sign-in creates their account, named after their email; later ones sign in to it.
 */
@SuppressWarnings("unchecked")
class FirebaseSignInTest extends FirebaseSignInApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountSuspensions suspensions;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theFirstSignInCreatesAnAccountNamedAfterTheEmailWithTheProfileNameAndNoPassword() {
        String name = uniqueUsername("ada.l");
        FirebaseUser ada = EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), name + "@example.com", "Ada Lovelace");

        Map<String, Object> answer = firebaseSignIn(ada.idToken(), null, 200);

        assertThat(answer).containsKeys("accessToken", "refreshToken", "expiresAt");
        assertThat((Map<String, Object>) answer.get("user")).containsEntry("username", name)
                .containsEntry("displayName", "Ada Lovelace").containsEntry("guest", false);
        Session session = sessionOf(answer);
        assertThat(get("/api/v1/me", session)).containsEntry("username", name).containsEntry("guest", false);
        assertThat(jdbc.sql("SELECT firebase_uid FROM users WHERE id = ?").param(session.userId()).query(String.class).single())
                .isEqualTo(ada.uid());
        // there is no password to sign in with
        call(POST, "/api/v1/auth/login", null, Map.of("username", name, "password", ""), 401);
    }

    @Test
    void theSameGoogleUserSigningInAgainGetsTheSameAccount() {
        String googleId = UUID.randomUUID().toString();
        String email = uniqueUsername("grace") + "@example.com";
        Session first = sessionOf(firebaseSignIn(EMULATOR.signInWithGoogle(googleId, email, "Grace Hopper").idToken(), null, 200));
        Session second = sessionOf(firebaseSignIn(EMULATOR.signInWithGoogle(googleId, email, "Grace Hopper").idToken(), null, 200));

        assertThat(second.userId()).isEqualTo(first.userId());
        assertThat(second.username()).isEqualTo(first.username());
        assertThat(accountsOf(googleId, email)).isEqualTo(1);
    }

    @Test
    void aTakenUsernameGetsTheFirstFreeNumber() {
        Session taken = register("taken");
        FirebaseUser same = EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), taken.username() + "@example.com", null);

        Map<String, Object> user = (Map<String, Object>) firebaseSignIn(same.idToken(), null, 200).get("user");

        assertThat(user).containsEntry("username", taken.username() + "2")
                .as("no profile name: the username is the display name").containsEntry("displayName", taken.username() + "2");
    }

    @Test
    void withoutAnEmailTheUsernameComesFromTheNameBroughtToTheUsernameRule() {
        String tag = uniqueUsername("z");
        FirebaseUser emile = EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), null, "Émile  Zola-" + tag);

        Map<String, Object> user = (Map<String, Object>) firebaseSignIn(emile.idToken(), null, 200).get("user");

        assertThat(user).containsEntry("username", "emile_zola_" + tag).containsEntry("displayName", "Émile  Zola-" + tag);
    }

    @Test
    void concurrentFirstSignInsOfOnePersonCreateOneAccount() throws Exception {
        String googleId = UUID.randomUUID().toString();
        String email = uniqueUsername("racer") + "@example.com";
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(EMULATOR.signInWithGoogle(googleId, email, "Racer").idToken());
        }
        List<Callable<Session>> signIns = tokens.stream()
                .<Callable<Session>>map(token -> () -> sessionOf(firebaseSignIn(token, null, 200))).toList();

        Set<UUID> accounts;
        try (ExecutorService threads = Executors.newFixedThreadPool(tokens.size())) {
            List<Future<Session>> sessions = threads.invokeAll(signIns);
            accounts = new HashSet<>();
            for (Future<Session> session : sessions) {
                accounts.add(session.get().userId());
            }
        }

        assertThat(accounts).hasSize(1);
        assertThat(accountsOf(googleId, email)).isEqualTo(1);
    }

    @Test
    void aSuspendedAccountIsToldSoAsAtAPasswordSignIn() {
        String googleId = UUID.randomUUID().toString();
        String email = uniqueUsername("suspended") + "@example.com";
        Session account = sessionOf(firebaseSignIn(EMULATOR.signInWithGoogle(googleId, email, null).idToken(), null, 200));
        Instant until = Instant.parse("2099-01-01T00:00:00Z");
        transactions.executeWithoutResult(status -> suspensions.suspend(account.userId(), until));

        Map<String, Object> problem = firebaseSignIn(EMULATOR.signInWithGoogle(googleId, email, null).idToken(), null, 403);

        assertThat(problem).containsEntry("type", "/problems/suspended").containsEntry("until", until.toString())
                .containsKey("appealToken").doesNotContainKey("accessToken");
    }

    @Test
    void anErasedAccountLetsItsGoogleUserGoAndTheNextSignInStartsAfresh() {
        String googleId = UUID.randomUUID().toString();
        String email = uniqueUsername("erased") + "@example.com";
        Session before = sessionOf(firebaseSignIn(EMULATOR.signInWithGoogle(googleId, email, null).idToken(), null, 200));
        call(DELETE, "/api/v1/me", before, null, 204);

        Session after = sessionOf(firebaseSignIn(EMULATOR.signInWithGoogle(googleId, email, null).idToken(), null, 200));

        assertThat(after.userId()).isNotEqualTo(before.userId());
        assertThat(after.username()).as("the erased account's name was freed").isEqualTo(before.username());
        assertThat(jdbc.sql("SELECT firebase_uid IS NULL FROM users WHERE id = ?").param(before.userId())
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void theSessionRefreshesAsAnyOther() {
        FirebaseUser user = EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), uniqueUsername("refresh") + "@example.com", null);
        Session session = sessionOf(firebaseSignIn(user.idToken(), null, 200));

        Map<String, Object> refreshed = call(POST, "/api/v1/auth/refresh", null, Map.of("refreshToken", session.refreshToken()), 200);

        assertThat(((Map<String, Object>) refreshed.get("user")).get("id")).isEqualTo(session.userId().toString());
    }

    /** The living accounts linked to the Firebase user of this Google person. */
    private int accountsOf(String googleId, String email) {
        String uid = EMULATOR.signInWithGoogle(googleId, email, null).uid();
        return jdbc.sql("SELECT count(*) FROM users WHERE firebase_uid = ? AND deleted_at IS NULL").param(uid)
                .query(Integer.class).single();
    }
}
