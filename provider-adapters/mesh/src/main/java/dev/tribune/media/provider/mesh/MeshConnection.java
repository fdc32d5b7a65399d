package dev.tribune.media.provider.mesh;

import dev.tribune.media.spi.IceServers.IceServer;
import dev.tribune.media.spi.MediaConnection;
import java.util.List;

/**
 * How a browser joins a mesh room: over the room's {@code /ws} socket, with these ICE servers (relay-only when
 * {@code iceTransportPolicy} is {@code relay}) and room limits.
 */
record MeshConnection(String room, List<IceServer> iceServers, String iceTransportPolicy, String signalling,
        int maxSpeakers, int maxParticipants)
        implements MediaConnection {
}
