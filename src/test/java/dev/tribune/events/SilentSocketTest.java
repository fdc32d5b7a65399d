package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tribune.ApiTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A connection that vanished without a close (a phone that lost its network, a NAT that forgot the mapping) would
 * hold one of its user's places under the socket cap until its token expired. The service pings every socket and
 * lets go of those that never answer; clients that answer (every browser, by itself) stay.
 */
@TestPropertySource(properties = "tribune.ws.idle-timeout=3s")
class SilentSocketTest extends ApiTest {

    @Test
    void aSocketThatAnswersNothingIsClosedWhileOneThatAnswersPingsStays() throws Exception {
        Session member = register("silent");
        String url = "ws://localhost:" + port + "/ws?access_token=" + member.accessToken();
        try (SocketClient answering = SocketClient.connect(url); StalledSocket silent = new StalledSocket(url)) {
            int[] closed = silent.readUntilClosed();
            assertThat(closed[0]).as("close code").isEqualTo(1001);
            // the JDK client answers protocol pings by itself, as browsers do: well past the timeout it is still there
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(9)).until(() -> !answering.closedWith.isDone());
            answering.send("{\"op\":\"ping\"}");
            answering.expect("pong");
        }
    }
}
