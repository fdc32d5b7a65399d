package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.MediaConnection;
import java.util.List;
import java.util.Map;

/** How a browser joins a Janus room: through Tribune's checking relay ({@code server}), with these ICE servers. */
record JanusConnection(String server, String room, List<Map<String, Object>> iceServers) implements MediaConnection {
}
