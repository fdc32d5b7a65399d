package dev.tribune.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.tribune.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.http.MediaType;

/**
 * Base of the tests that drive the real web client in real Chromium: the class's {@link TestNetwork} (made before its
 * tests, removed after), one Chromium in it launched on first use (the origin needs the server's port, known only once
 * a test runs), and the sign-ins a story starts with. Accounts made with {@link #register} have {@link #PASSWORD}.
 */
public abstract class BrowserTest extends ApiTest {

    protected static final String PASSWORD = "correct horse";

    private static TestNetwork network;
    private static Chromium chromium;

    @BeforeAll
    static void testNetwork() throws Exception {
        E2e.need(TestNetwork.unavailableBecause() == null, String.valueOf(TestNetwork.unavailableBecause()));
        E2e.need(BrowserTest.class.getResource("/static/index.html") != null,
                "the web client is not built (web-client/, built by the Maven build)");
        network = TestNetwork.create();
    }

    @AfterAll
    static void closeBrowserAndNetwork() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            chromium = null;
            if (network != null) {
                network.close();
                network = null;
            }
        }
    }

    /** The test network's host address: where the browser reaches this machine's side (the service, stand-ins). */
    protected static String testNetworkHost() {
        return network.hostAddress();
    }

    /** Where the pages come from: the service at the test network's host address. */
    protected String origin() {
        return "http://" + network.hostAddress() + ":" + port;
    }

    protected Chromium chromium() {
        if (chromium == null) {
            chromium = Chromium.launch(network, origin());
        }
        return chromium;
    }

    /** A new person (their own browser profile). */
    protected BrowserContext newPerson() {
        return chromium().newPerson();
    }

    /** A new person signed in as {@code account} with {@link #PASSWORD}, on the room page of {@code roomId}. */
    protected RoomPage roomPage(Session account, String roomId) {
        return RoomPage.signIn(newPerson(), origin(), roomId, account.username(), PASSWORD);
    }

    /** A new person signed in as {@code account} with {@link #PASSWORD}, on {@code path} (e.g. {@code /notices}). */
    protected Page signedIn(Session account, String path) {
        return signedIn(account.username(), path);
    }

    /** The configured staff ADMIN (ApiTest's tribune.moderation.admins): registered by the first test that asks. */
    protected Session staffAdmin() {
        var registered = client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", STAFF_ADMIN, "password", PASSWORD, "displayName", "Staff admin"))
                .exchange().returnResult(Map.class);
        if (registered.getStatus().value() == 201) {
            return session(registered.getResponseBody(), STAFF_ADMIN);
        }
        return session(client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", STAFF_ADMIN, "password", PASSWORD))
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody(), STAFF_ADMIN);
    }

    protected Page signedIn(String username, String path) {
        return ModerationPages.signIn(newPerson(), origin(), path, username, PASSWORD);
    }
}
