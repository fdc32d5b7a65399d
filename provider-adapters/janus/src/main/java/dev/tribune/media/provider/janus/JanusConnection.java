package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.IceServers.IceServer;
import dev.tribune.media.spi.MediaConnection;
import java.util.List;

/**
 * How a browser joins a Janus room: through Tribune's checking relay ({@code server}), with these ICE servers
 * (relay-only when {@code iceTransportPolicy} is {@code relay}).
 */
record JanusConnection(String server, String room, List<IceServer> iceServers, String iceTransportPolicy)
        implements MediaConnection {
}
