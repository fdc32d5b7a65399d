package dev.tribune.media.provider.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.media.spi.IceServers;
import dev.tribune.media.spi.RelayOnlyIceServers;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The mesh grant's connection as browsers read it: the ICE servers and, beside them, the ICE transport policy. */
class MeshConnectionTest {

    private final UUID user = UUID.randomUUID();
    private final UUID room = UUID.randomUUID();

    @Test
    @SuppressWarnings("unchecked")
    void relayOnlyIsSentBesideTheTurnServer() {
        Map<String, Object> connection = connection(new RelayOnlyIceServers());
        assertThat(connection).containsEntry("iceTransportPolicy", "relay").containsEntry("signalling", "/ws");
        assertThat((List<Map<String, Object>>) connection.get("iceServers")).singleElement().satisfies(server ->
                assertThat(server).containsEntry("urls", List.of(RelayOnlyIceServers.TURN_URL))
                        .containsEntry("username", "1767225600:" + user));
    }

    @Test
    void everyCandidateIsAllowedByDefault() {
        assertThat(connection(userId -> List.of())).containsEntry("iceTransportPolicy", "all").containsEntry("iceServers", List.of());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> connection(IceServers ice) {
        MeshRtcProvider mesh = new MeshRtcProvider(new MeshProperties(8, 40), ice, Clock.systemUTC());
        JsonMapper json = JsonMapper.builder().build();
        Object connection = mesh.grant(new GrantRequest(room, room.toString(), user, "Ada", false)).connection();
        return json.readValue(json.writeValueAsString(connection), Map.class);
    }
}
