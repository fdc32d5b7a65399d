package dev.tribune.media.provider.mesh;

import dev.tribune.media.spi.MediaConnection;
import java.util.List;
import java.util.Map;

/** How a browser joins a mesh room: over the room's {@code /ws} socket, with these ICE servers and room limits. */
record MeshConnection(String room, List<Map<String, Object>> iceServers, String signalling, int maxSpeakers, int maxParticipants)
        implements MediaConnection {
}
