package dev.tribune.media.provider.mesh;

import dev.tribune.media.spi.IceServers;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.RtcProvider;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Browser mesh: no media server, so nothing to create or revoke at a vendor. The grant carries no token (the
 * authenticated {@code /ws} socket carries the signalling, and the relay enforces the stage) and tells the client
 * its ICE servers and whether it may send audio.
 */
@Component
class MeshRtcProvider implements RtcProvider {

    static final Duration GRANT_TTL = Duration.ofMinutes(10);

    private final MeshProperties properties;
    private final IceServers ice;
    private final Clock clock;

    MeshRtcProvider(MeshProperties properties, IceServers ice, Clock clock) {
        this.properties = properties;
        this.ice = ice;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, false, properties.maxSpeakers(), properties.maxParticipants());
    }

    /** Browsers connect to each other: there is nothing of ours to be down. */
    @Override
    public Probe probe() {
        return Probe.reachable("peer to peer, nothing to reach");
    }

    @Override
    public MediaGrant grant(GrantRequest request) {
        return new MediaGrant(name(), null, clock.instant().plus(GRANT_TTL), request.canPublish(), new MeshConnection(
                request.roomId().toString(), ice.forUser(request.userId()), ice.transportPolicy(), "/ws", properties.maxSpeakers(),
                properties.maxParticipants()));
    }
}
