package dev.tribune.media.provider.hms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.shared.StartupMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The adapter is on exactly when its access key is set, and then only with the rest of its settings. */
class HmsConfigurationTest {

    @EnableConfigurationProperties(WebhookUrls.class)
    static class Core {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Core.class, HmsConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC);

    private static final String[] COMPLETE = {
            "tribune.rtc.hms.access-key=" + HmsFixtures.ACCESS_KEY,
            "tribune.rtc.hms.app-secret=" + HmsFixtures.APP_SECRET,
            "tribune.rtc.hms.template-id=" + HmsFixtures.TEMPLATE_ID,
            "tribune.rtc.hms.webhook-secret=" + HmsFixtures.WEBHOOK_SECRET};

    private static String[] without(String key) {
        return Arrays.stream(COMPLETE).filter(p -> !p.startsWith(key + "=")).toArray(String[]::new);
    }

    @Test
    void withoutSettingsThereIsNo100msAdapter() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(HmsRtcProvider.class);
            assertThat(context).doesNotHaveBean(RtcProvider.class);
        });
    }

    @Test
    void withItsSettingsThe100msAdapterIsThereWithTheDocumentedDefaults() {
        runner.withPropertyValues(COMPLETE).run(context -> {
            assertThat(context).hasSingleBean(HmsRtcProvider.class);
            assertThat(context.getBean(RtcProvider.class).name()).isEqualTo("hms");
            HmsProperties hms = context.getBean(HmsProperties.class);
            assertThat(hms.speakerRole()).isEqualTo("speaker");
            assertThat(hms.listenerRole()).isEqualTo("listener");
            assertThat(hms.webhookHeader()).isEqualTo("X-Tribune-Webhook-Secret");
            assertThat(hms.baseUrl()).isEqualTo(URI.create("https://api.100ms.live/v2"));
            assertThat(hms.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(hms.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void operatorsChooseTheRolesHeaderBaseUrlAndTimeouts() {
        runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.hms.speaker-role=stage", "tribune.rtc.hms.listener-role=audience",
                "tribune.rtc.hms.webhook-header=X-Hms-Secret", "tribune.rtc.hms.base-url=https://api-nonprod.100ms.live/v2",
                "tribune.rtc.hms.connect-timeout=2s", "tribune.rtc.hms.read-timeout=4s").run(context -> {
            HmsProperties hms = context.getBean(HmsProperties.class);
            assertThat(hms.speakerRole()).isEqualTo("stage");
            assertThat(hms.listenerRole()).isEqualTo("audience");
            assertThat(hms.webhookHeader()).isEqualTo("X-Hms-Secret");
            assertThat(hms.baseUrl()).isEqualTo(URI.create("https://api-nonprod.100ms.live/v2"));
            assertThat(hms.readTimeout()).isEqualTo(Duration.ofSeconds(4));
        });
    }

    @Test
    void aMissingAppSecretStopsStartUpNamingIt() {
        runner.withPropertyValues(without("tribune.rtc.hms.app-secret")).run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms.app-secret: must not be blank (was not set)"));
    }

    @Test
    void aMissingTemplateIdStopsStartUpNamingIt() {
        runner.withPropertyValues(without("tribune.rtc.hms.template-id")).run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms.template-id: must not be blank (was not set)"));
    }

    @Test
    void aMissingWebhookSecretStopsStartUpNamingIt() {
        runner.withPropertyValues(without("tribune.rtc.hms.webhook-secret")).run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms.webhook-secret: must not be blank (was not set)"));
    }

    @Test
    void everyMissingKeyIsNamedAtOnce() {
        runner.withPropertyValues("tribune.rtc.hms.access-key=" + HmsFixtures.ACCESS_KEY).run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms.app-secret: must not be blank").contains("tribune.rtc.hms.template-id: must not be blank")
                        .contains("tribune.rtc.hms.webhook-secret: must not be blank"));
    }

    @Test
    void aGuessableWebhookSecretOrOneRoleForBothOrABadBaseUrlStopsStartUp() {
        runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.hms.webhook-secret=short").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms.webhook-secret: must be at least 32 characters (was set, not shown)"));
        runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.hms.listener-role=speaker").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms: speaker-role and listener-role must be different roles"));
        runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.hms.base-url=ftp://api.100ms.live/v2").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms.base-url: must be an http(s) URL with a host (was \"ftp://api.100ms.live/v2\")"));
        runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.hms.webhook-header=X Secret").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.hms.webhook-header: must be an HTTP header name (was \"X Secret\")"));
    }

    @Test
    void theSecretsAreNeverPrintedWithTheSettings() {
        runner.withPropertyValues(COMPLETE).run(context -> assertThat(context.getBean(HmsProperties.class).toString())
                .doesNotContain(HmsFixtures.APP_SECRET).doesNotContain(HmsFixtures.WEBHOOK_SECRET));
    }
}
