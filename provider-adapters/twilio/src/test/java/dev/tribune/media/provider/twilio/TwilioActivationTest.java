package dev.tribune.media.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.shared.StartupMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

/** The adapter exists exactly when {@code tribune.rtc.twilio.account-sid} is set, and then only with sound settings. */
class TwilioActivationTest {

    @EnableConfigurationProperties(WebhookUrls.class)
    static class CoreBeans {

        @Bean
        ParticipantStateSource participantStates() {
            return TwilioFixtures.NOBODY_ELSE;
        }
    }

    static final String[] COMPLETE = {
            "tribune.rtc.twilio.account-sid=" + TwilioFixtures.ACCOUNT_SID,
            "tribune.rtc.twilio.api-key-sid=" + TwilioFixtures.API_KEY_SID,
            "tribune.rtc.twilio.api-key-secret=" + TwilioFixtures.API_KEY_SECRET,
            "tribune.rtc.twilio.auth-token=" + TwilioFixtures.AUTH_TOKEN};

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CoreBeans.class, TwilioConfiguration.class);

    @Test
    void withoutSettingsThereIsNoTwilioAdapter() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RtcProvider.class);
        });
    }

    @Test
    void withItsSettingsTheAdapterIsThereUnderItsName() {
        runner.withPropertyValues(COMPLETE).run(context -> {
            assertThat(context).hasSingleBean(RtcProvider.class);
            RtcProvider provider = context.getBean(RtcProvider.class);
            assertThat(provider.name()).isEqualTo("twilio");
            assertThat(provider.capabilities()).isEqualTo(new RtcProvider.Capabilities(false, false, 16, 50));
            TwilioProperties settings = context.getBean(TwilioProperties.class);
            assertThat(settings.baseUrl()).isEqualTo("https://video.twilio.com");
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.toString()).doesNotContain(TwilioFixtures.API_KEY_SECRET).doesNotContain(TwilioFixtures.AUTH_TOKEN);
        });
    }

    @Test
    void eachMissingKeyStopsTheServiceNamingIt() {
        for (String key : new String[] {"api-key-sid", "api-key-secret", "auth-token"}) {
            runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.twilio." + key + "=").run(context -> {
                assertThat(context).hasFailed();
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.twilio." + key + ": must not be blank");
            });
        }
    }

    @Test
    void keysOfTheWrongKindStopTheServiceSayingWhatIsExpected() {
        runner.withPropertyValues(COMPLETE).withPropertyValues(
                        "tribune.rtc.twilio.account-sid=SK00000000000000000000000000000002",
                        "tribune.rtc.twilio.api-key-sid=" + TwilioFixtures.ACCOUNT_SID,
                        "tribune.rtc.twilio.base-url=video.twilio.com")
                .run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.twilio.account-sid: must be the account SID: AC followed by 32 hex digits "
                                + "(was \"SK00000000000000000000000000000002\")")
                        .contains("tribune.rtc.twilio.api-key-sid: must be an API key SID: SK followed by 32 hex digits "
                                + "(was \"" + TwilioFixtures.ACCOUNT_SID + "\")")
                        .contains("tribune.rtc.twilio.base-url: must be an http(s) URL with a host (was \"video.twilio.com\")"));
    }

    @Test
    void aSecretTooShortToSignTokensStopsTheService() {
        // jjwt inside twilio-java 13 refuses HS256 keys under 256 bits at the first token, so refuse it at start-up
        runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.twilio.api-key-secret=0123456789012345678901234567890")
                .run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.twilio.api-key-secret: must be at least 32 bytes to sign access tokens (HS256) "
                                + "(was set, not shown)")
                        .doesNotContain("0123456789012345678901234567890"));
    }
}
