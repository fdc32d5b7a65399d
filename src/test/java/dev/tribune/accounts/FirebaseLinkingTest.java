package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.firebase.AuthEmulator.FirebaseUser;
import dev.tribune.firebase.FirebaseSignInApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/auth/firebase with a bearer: a signed-in account links its Google user; a guest becomes the Google
 * user's account in place and keeps their place in the room.
 */
@SuppressWarnings("unchecked")
class FirebaseLinkingTest extends FirebaseSignInApiTest {

    private FirebaseUser google(String prefix) {
        return EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), uniqueUsername(prefix) + "@example.com", "Linked Person");
    }

    @Test
    void aPasswordAccountLinksItsGoogleUserAndThenSignsInWithEither() {
        Session account = register("linker");
        FirebaseUser google = google("linkergoogle");

        Session linked = sessionOf(firebaseSignIn(google.idToken(), account, 200));
        Session viaGoogle = sessionOf(firebaseSignIn(google.idToken(), null, 200));

        assertThat(linked.userId()).isEqualTo(account.userId());
        assertThat(linked.username()).as("the account keeps its name").isEqualTo(account.username());
        assertThat(viaGoogle.userId()).isEqualTo(account.userId());
        call(POST, "/api/v1/auth/login", null, Map.of("username", account.username(), "password", "correct horse"), 200);
        // linking again is no change
        assertThat(sessionOf(firebaseSignIn(google.idToken(), account, 200)).userId()).isEqualTo(account.userId());
    }

    @Test
    void aGoogleUserLinkedToOneAccountCannotBeLinkedToAnother() {
        FirebaseUser google = google("twice");
        firebaseSignIn(google.idToken(), register("first"), 200);

        Map<String, Object> problem = firebaseSignIn(google.idToken(), register("second"), 409);

        assertThat(problem).containsEntry("type", "/problems/conflict")
                .containsEntry("detail", "This Firebase (Google) user is already linked to another account.");
    }

    @Test
    void anAccountLinkedToOneGoogleUserCannotBeLinkedToAnother() {
        Session account = register("onegoogle");
        firebaseSignIn(google("googleone").idToken(), account, 200);

        Map<String, Object> problem = firebaseSignIn(google("googletwo").idToken(), account, 409);

        assertThat(problem).containsEntry("type", "/problems/conflict")
                .containsEntry("detail", "This account is already linked to another Firebase (Google) user.");
    }

    @Test
    void aGuestInARoomSigningInBecomesTheGoogleUsersAccountAndIsStillInTheRoom() {
        Session host = register("guesthost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Guests welcome"), 201).get("id");
        Session guest = guest();
        call(POST, "/api/v1/rooms/" + room + "/join", guest, null, 200);
        String name = uniqueUsername("wasguest");
        FirebaseUser google = EMULATOR.signInWithGoogle(UUID.randomUUID().toString(), name + "@example.com", "No Longer Guest");

        Map<String, Object> answer = firebaseSignIn(google.idToken(), guest, 200);

        assertThat((Map<String, Object>) answer.get("user")).containsEntry("id", guest.userId().toString())
                .containsEntry("username", name).containsEntry("displayName", "No Longer Guest").containsEntry("guest", false);
        Session signedIn = sessionOf(answer);
        assertThat(get("/api/v1/me", signedIn)).containsEntry("guest", false).containsEntry("username", name);
        assertThat((Map<String, Object>) get("/api/v1/rooms/" + room, signedIn).get("me")).as("still in the room")
                .containsEntry("role", "AUDIENCE");
        // and now a registered account: it may do what guests may not
        call(POST, "/api/v1/rooms", signedIn, Map.of("name", "My own room"), 201);
        assertThat(sessionOf(firebaseSignIn(google.idToken(), null, 200)).userId()).isEqualTo(guest.userId());
    }

    @Test
    void aGuestWhoseGoogleUserHasAnAccountIsAnsweredWithThatAccount() {
        FirebaseUser google = google("returning");
        Session account = sessionOf(firebaseSignIn(google.idToken(), null, 200));
        Session guest = guest();

        Session answer = sessionOf(firebaseSignIn(google.idToken(), guest, 200));

        assertThat(answer.userId()).isEqualTo(account.userId());
        assertThat(get("/api/v1/me", guest)).as("the guest stays a guest").containsEntry("guest", true);
    }
}
