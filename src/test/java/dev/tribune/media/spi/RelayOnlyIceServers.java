package dev.tribune.media.spi;

import java.util.List;
import java.util.UUID;

/**
 * ICE servers as {@code tribune.rtc.ice.transport-policy=relay} hands them out: one TURN server with a per-user
 * credential, and browsers told to use nothing but its relays. For adapters' tests of the connection they serve.
 */
public final class RelayOnlyIceServers implements IceServers {

    public static final String TURN_URL = "turn:turn.example.test:3478";

    @Override
    public List<IceServer> forUser(UUID userId) {
        return List.of(new IceServer(List.of(TURN_URL), "1767225600:" + userId, "credential-of-" + userId));
    }

    @Override
    public String transportPolicy() {
        return "relay";
    }
}
