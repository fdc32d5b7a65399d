package dev.tribune.media.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.media.spi.WebhookUrls;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against the real Twilio, only when an account is in the environment (never in the default build: surefire runs
 * {@code *Test}): {@code TWILIO_ACCOUNT_SID}, {@code TWILIO_API_KEY_SID}, {@code TWILIO_API_KEY_SECRET},
 * {@code TWILIO_AUTH_TOKEN}. Run with {@code ./mvnw -o test -Dtest=TwilioLiveIT -Dsurefire.failIfNoSpecifiedTests=false}.
 * It makes one group room (billed by Twilio as an empty room for a few seconds) and completes it.
 */
@EnabledIfEnvironmentVariable(named = "TWILIO_ACCOUNT_SID", matches = "AC[0-9a-fA-F]{32}")
class TwilioLiveIT {

    final TwilioProperties settings = new TwilioProperties(System.getenv("TWILIO_ACCOUNT_SID"), System.getenv("TWILIO_API_KEY_SID"),
            System.getenv("TWILIO_API_KEY_SECRET"), System.getenv("TWILIO_AUTH_TOKEN"), "https://video.twilio.com",
            Duration.ofSeconds(5), Duration.ofSeconds(15));
    final TwilioRtcProvider provider = new TwilioConfiguration().twilioRtcProvider(settings,
            new WebhookUrls(System.getenv().getOrDefault("TRIBUNE_PUBLIC_URL", "https://tribune.example.test")), TwilioFixtures.NOBODY_ELSE);

    @Test
    void aRoomIsMadeOnceFoundAgainAndCompleted() {
        UUID roomId = UUID.randomUUID();
        String sid = provider.ensureRoom(roomId);
        try {
            assertThat(sid).matches("RM[0-9a-f]{32}");
            assertThat(provider.ensureRoom(roomId)).as("found by its UniqueName, not made twice").isEqualTo(sid);

            MediaGrant grant = provider.grant(new GrantRequest(roomId, sid, UUID.randomUUID(), "Live test", false));
            JWT.require(Algorithm.HMAC256(settings.apiKeySecret())).withIssuer(settings.apiKeySid()).build().verify(grant.token());

            // nobody is connected: reconciling a removed user asks Twilio and changes nothing
            provider.reconcile(new ProviderRoom(roomId, sid), UUID.randomUUID(), new ParticipantState(false, false, false));
        } finally {
            provider.endRoom(new ProviderRoom(roomId, sid));
        }
        provider.endRoom(new ProviderRoom(roomId, sid));
    }
}
