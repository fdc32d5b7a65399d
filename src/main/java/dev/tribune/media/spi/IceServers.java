package dev.tribune.media.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** The RTCIceServer list an adapter hands one user in its grant (STUN, and TURN with time-limited credentials). */
public interface IceServers {

    /**
     * One RTCIceServer as browsers take it: {@code urls}, and {@code username} and {@code credential} for TURN. STUN
     * servers have only urls, so the other fields are left out of the JSON rather than sent as null.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IceServer(List<String> urls, String username, String credential) {

        public static IceServer stun(List<String> urls) {
            return new IceServer(urls, null, null);
        }
    }

    List<IceServer> forUser(UUID userId);

    /**
     * The browsers' {@code RTCConfiguration.iceTransportPolicy}, sent beside the servers as the connection's
     * {@code iceTransportPolicy}: {@code "all"}, or {@code "relay"} to gather TURN relay candidates only.
     */
    default String transportPolicy() {
        return "all";
    }
}
