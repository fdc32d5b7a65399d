package dev.tribune.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import com.google.firebase.internal.FirebaseProcessEnvironment;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.tribune.firebase.AuthEmulator;
import dev.tribune.firebase.FirebaseConnection;
import dev.tribune.firebase.RoadToFirebase;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * "Continue with Google" in real Chromium, against the real Firebase Auth emulator (issue 17): the page shows the
 * button because /api/v1/config names a Firebase project, the Firebase JS SDK signs a (made-up) Google account in at
 * the emulator, and the ID token it returns becomes a Tribune account and session. The browser, in the test network, reaches
 * the emulator over a relay on the network's host address, the same address the service is told to verify tokens at.
 */
@TestPropertySource(properties = {
        "tribune.firebase.project-id=" + AuthEmulator.PROJECT,
        // the Firebase JS SDK needs some API key; the emulator accepts any
        "tribune.firebase.web.api-key=browser-test-key",
        "tribune.firebase.web.auth-domain=" + AuthEmulator.PROJECT + ".firebaseapp.com",
        "tribune.firebase.web.app-id=1:1234567890:web:tribune"})
class GoogleSignInBrowserTest extends BrowserTest {

    private static RoadToFirebase road;
    private static String before;

    @Autowired
    JdbcClient jdbc;

    /** Before the context starts: its FirebaseApp takes emulator credentials when the emulator host is set. */
    @BeforeAll
    static void firebaseGoesToTheEmulatorOverTheTestNetwork() throws Exception {
        AuthEmulator emulator = AuthEmulator.start();
        road = new RoadToFirebase(emulator.host(), InetAddress.getByName(testNetworkHost()));
        String current = FirebaseProcessEnvironment.getenv(FirebaseConnection.AUTH_EMULATOR_HOST);
        before = current == null ? "" : current;
        FirebaseProcessEnvironment.setenv(FirebaseConnection.AUTH_EMULATOR_HOST, road.host());
    }

    @AfterAll
    static void putTheEnvironmentBack() {
        FirebaseProcessEnvironment.setenv(FirebaseConnection.AUTH_EMULATOR_HOST, before == null ? "" : before);
        if (road != null) {
            road.cut();
        }
    }

    /**
     * With the emulator the page asks which made-up Google account to be (Google's popup needs Google's own scripts,
     * out of reach here), and the Firebase JS SDK signs in with it at the emulator.
     */
    private static void chooseGoogleAccount(Page page, String email, String name) {
        page.getByTestId("emulated-google-dialog").waitFor();
        Accessibility.assertNoSeriousViolations(page, "the emulated Google account form");
        page.getByTestId("emulated-google-email").fill(email);
        page.getByTestId("emulated-google-name").fill(name);
        page.getByTestId("emulated-google-submit").click();
    }

    @Test
    void someoneNewContinuesWithGoogleAndIsSignedInToANewAccountNamedFromTheirProfile() {
        String local = "ada" + Long.toString(System.nanoTime() % 1_000_000L, 36);
        BrowserContext person = newPerson();
        Page page = person.newPage();
        page.navigate(origin() + "/signin");
        var button = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue with Google"));
        button.waitFor();
        Accessibility.assertNoSeriousViolations(page, "sign-in page with Google");
        Screenshots.save(page, "signin-google");

        button.click();
        chooseGoogleAccount(page, local + "@example.com", "Ada Lovelace");

        page.waitForURL(url -> !url.contains("/signin"));
        List<Map<String, Object>> accounts = jdbc.sql("""
                SELECT id, username, display_name, guest, password_hash IS NULL AS no_password FROM users
                WHERE firebase_uid IS NOT NULL AND username = ?""").param(local).query().listOfRows();
        assertThat(accounts).hasSize(1);
        assertThat(accounts.getFirst()).containsEntry("display_name", "Ada Lovelace").containsEntry("guest", false)
                .containsEntry("no_password", true);
        // the page holds that account's session: its own calls are made as Ada
        Object me = page.evaluate("async () => { const s = JSON.parse(localStorage.getItem('tribune.session') || 'null');"
                + " return s && s.user ? s.user.username : null; }");
        assertThat(me).isEqualTo(local);
        Screenshots.save(page, "signed-in-with-google");
    }

    @Test
    void aGuestListeningInARoomContinuesWithGoogleAndKeepsTheirPlace() {
        Session host = register("googlehost");
        String roomId = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Open questions"), 201).get("id");
        RoomPage room = RoomPage.guest(newPerson(), origin(), roomId, "Listener");
        room.join();
        Page page = room.page;
        page.getByTestId("guest-google").waitFor();
        UUID guestId = jdbc.sql("SELECT user_id FROM participants WHERE room_id = ?::uuid AND left_at IS NULL AND user_id <> ?")
                .params(roomId, host.userId()).query(UUID.class).single();

        String local = "grace" + Long.toString(System.nanoTime() % 1_000_000L, 36);
        page.getByTestId("guest-google").click();
        chooseGoogleAccount(page, local + "@example.com", "Grace Hopper");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM users WHERE id = ? AND NOT guest AND username = ?").params(guestId, local)
                .query(Integer.class).single() == 1);
        // the same person, still in the room, no longer a guest
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ? AND left_at IS NULL")
                .params(roomId, guestId).query(Integer.class).single()).isEqualTo(1);
        page.getByTestId("guest-google").waitFor(new Locator.WaitForOptions()
                .setState(WaitForSelectorState.DETACHED));
        Screenshots.save(page, "guest-signed-in-with-google-in-room");
    }
}
