package dev.tribune.media.spi;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The RTCIceServer list an adapter hands one user in its grant (STUN, and TURN with time-limited credentials). */
public interface IceServers {

    /** Each entry is one RTCIceServer: {@code urls}, and {@code username} and {@code credential} for TURN. */
    List<Map<String, Object>> forUser(UUID userId);
}
