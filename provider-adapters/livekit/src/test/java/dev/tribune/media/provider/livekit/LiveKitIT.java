package dev.tribune.media.provider.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real LiveKit (a LiveKit Cloud project, or {@code livekit-server --dev} with LIVEKIT_URL=ws://127.0.0.1:7880,
 * LIVEKIT_API_KEY=devkey, LIVEKIT_API_SECRET=secret). Runs only with those variables set; never in the default build.
 */
@EnabledIfEnvironmentVariable(named = "LIVEKIT_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LIVEKIT_API_KEY", matches = ".+")
@EnabledIfEnvironmentVariable(named = "LIVEKIT_API_SECRET", matches = ".+")
class LiveKitIT {

    final LiveKitProperties properties = new LiveKitProperties(System.getenv("LIVEKIT_URL"), System.getenv("LIVEKIT_API_KEY"),
            System.getenv("LIVEKIT_API_SECRET"), System.getenv("LIVEKIT_API_URL"), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofMinutes(2), Duration.ofSeconds(20), 50, 3000);
    final LiveKitRtcProvider provider = LiveKitTestKit.provider(properties, Clock.systemUTC());

    @Test
    void aRoomIsMadeFoundAgainJoinedByTokenAndEnded() {
        UUID roomId = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String room = provider.ensureRoom(roomId);
        assertThat(room).isEqualTo(roomId.toString());
        assertThat(provider.ensureRoom(roomId)).as("CreateRoom again finds the same room").isEqualTo(room);

        MediaGrant grant = provider.grant(new GrantRequest(roomId, room, user, "Tribune IT", false));
        assertThat(JWT.require(Algorithm.HMAC256(properties.apiSecret())).withIssuer(properties.apiKey()).build()
                .verify(grant.token()).getClaim("video").asMap()).containsEntry("canPublish", false);

        ProviderRoom providerRoom = new ProviderRoom(roomId, room);
        // nobody connected: LiveKit says not_found, which is done
        assertThatCode(() -> provider.reconcile(providerRoom, user, new ParticipantState(true, true, true))).doesNotThrowAnyException();
        assertThatCode(() -> provider.reconcile(providerRoom, user, new ParticipantState(false, false, false))).doesNotThrowAnyException();

        provider.endRoom(providerRoom);
        assertThatCode(() -> provider.endRoom(providerRoom)).as("ending an ended room is done").doesNotThrowAnyException();
    }
}
