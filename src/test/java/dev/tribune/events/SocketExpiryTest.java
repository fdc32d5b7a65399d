package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A socket lives as long as the token that opened it, unless the client extends it with {@code auth}. */
@TestPropertySource(properties = "tribune.auth.token-ttl=3s")
class SocketExpiryTest extends ApiTest {

    @Test
    void aSocketWhoseTokenExpiredIsClosedWith4401() throws Exception {
        Session member = register("expiring");
        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + member.accessToken())) {
            socket.send("{\"op\":\"ping\"}");
            socket.expect("pong");
            assertThat(socket.closedWith.get(15, TimeUnit.SECONDS)).isEqualTo(4401);
        }
    }
}
