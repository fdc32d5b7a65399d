package dev.tribune.media.provider.janus;

import dev.tribune.media.RtcProvider;
import dev.tribune.media.RtcProviderContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** Janus keeps the contract every provider keeps, against a real Janus 1.1.2 run with ops/janus. */
class JanusProviderContractTest extends RtcProviderContract {

    static JanusTestServer janus;

    private final List<JanusGateway> gateways = new ArrayList<>();

    @BeforeAll
    static void startJanus() throws Exception {
        janus = JanusTestServer.started();
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    @AfterEach
    void closeGateways() {
        gateways.forEach(JanusGateway::close);
    }

    private RtcProvider at(String url) {
        JanusProperties properties = JanusRoomsTest.properties(url, JanusTestServer.API_SECRET);
        JanusGateway gateway = JanusRoomsTest.gateway(properties);
        gateways.add(gateway);
        return JanusRoomsTest.provider(gateway, properties);
    }

    @Override
    protected RtcProvider provider() {
        return at(janus.url());
    }

    /** Nothing listens at that port: connection refused. */
    @Override
    protected Optional<RtcProvider> unreachableProvider() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Optional.of(at("http://127.0.0.1:" + socket.getLocalPort() + "/janus"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
