package dev.tribune.media.provider.hms;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.media.spi.WebhookUrls;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against the real 100ms, only when a workspace's credentials are in the environment (never in the default build,
 * which runs *Test only): HMS_ACCESS_KEY, HMS_APP_SECRET, HMS_TEMPLATE_ID (a template with a "speaker" role that
 * publishes audio and a "listener" role that publishes nothing; HMS_SPEAKER_ROLE / HMS_LISTENER_ROLE name others),
 * optionally HMS_BASE_URL. It makes one room (named after a fresh UUID), mints a grant for it, reconciles a user who is
 * not connected, and ends (locks) the room. 100ms has no API to delete a room, so each run leaves one disabled room
 * behind in the workspace.
 */
@EnabledIfEnvironmentVariable(named = "HMS_ACCESS_KEY", matches = ".+")
@EnabledIfEnvironmentVariable(named = "HMS_APP_SECRET", matches = ".+")
@EnabledIfEnvironmentVariable(named = "HMS_TEMPLATE_ID", matches = ".+")
class HmsIT {

    private static String env(String name, String otherwise) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).orElse(otherwise);
    }

    @Test
    void aRoomIsMadeGrantedReconciledAndEndedAtTheReal100ms() {
        HmsProperties properties = new HmsProperties(System.getenv("HMS_ACCESS_KEY"), System.getenv("HMS_APP_SECRET"),
                System.getenv("HMS_TEMPLATE_ID"), env("HMS_SPEAKER_ROLE", "speaker"), env("HMS_LISTENER_ROLE", "listener"),
                "X-Tribune-Webhook-Secret", "it-webhook-secret-" + UUID.randomUUID(),
                URI.create(env("HMS_BASE_URL", "https://api.100ms.live/v2")), Duration.ofSeconds(5), Duration.ofSeconds(15));
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            assertThat(validation.getValidator().validate(properties)).as("the settings are valid").isEmpty();
        }
        HmsTokens tokens = new HmsTokens(properties.accessKey(), properties.appSecret(), Clock.systemUTC());
        HmsRtcProvider provider = new HmsRtcProvider(properties, new HmsApi(properties, tokens), tokens,
                new WebhookUrls(env("HMS_WEBHOOK_BASE", "https://tribune.example.org")));

        UUID room = UUID.randomUUID();
        String hmsRoom = provider.ensureRoom(room);
        assertThat(hmsRoom).isNotBlank();
        assertThat(provider.ensureRoom(room)).as("the same name is the same room").isEqualTo(hmsRoom);

        UUID user = UUID.randomUUID();
        MediaGrant grant = provider.grant(new GrantRequest(room, hmsRoom, user, "IT listener", false));
        DecodedJWT token = JWT.require(Algorithm.HMAC256(properties.appSecret())).build().verify(grant.token());
        assertThat(token.getClaim("role").asString()).isEqualTo(properties.listenerRole());
        assertThat(token.getClaim("room_id").asString()).isEqualTo(hmsRoom);

        ProviderRoom providerRoom = new ProviderRoom(room, hmsRoom);
        provider.reconcile(providerRoom, user, new ParticipantState(false, false, false));
        provider.endRoom(providerRoom);
        provider.endRoom(providerRoom);
    }
}
