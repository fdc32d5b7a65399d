package dev.tribune.media.provider.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.shared.StartupMessage;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The adapter is there exactly when LiveKit is configured, and a half-done configuration stops start-up saying what. */
class LiveKitConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    static class Core {
        @Bean
        Clock clock() {
            return LiveKitTestKit.CLOCK;
        }

        @Bean
        WebhookUrls webhookUrls() {
            return new WebhookUrls("https://tribune.test");
        }
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Core.class, LiveKitConfiguration.class);

    static final String[] COMPLETE = {
            "tribune.rtc.livekit.url=wss://livekit.tribune.test",
            "tribune.rtc.livekit.api-key=" + LiveKitTestKit.API_KEY,
            "tribune.rtc.livekit.api-secret=" + LiveKitTestKit.API_SECRET};

    @Test
    void withoutSettingsThereIsNoLiveKitAdapter() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RtcProvider.class);
        });
    }

    @Test
    void withSettingsTheAdapterIsThereNamedLivekit() {
        runner.withPropertyValues(COMPLETE).run(context -> {
            assertThat(context).hasSingleBean(RtcProvider.class);
            RtcProvider provider = context.getBean(RtcProvider.class);
            assertThat(provider.name()).isEqualTo("livekit");
            assertThat(provider.capabilities()).isEqualTo(new RtcProvider.Capabilities(true, true, 50, 3000));
            LiveKitProperties properties = context.getBean(LiveKitProperties.class);
            assertThat(properties.apiBase()).isEqualTo("https://livekit.tribune.test");
            assertThat(properties.emptyTimeout().toSeconds()).isEqualTo(600);
            assertThat(properties.departureTimeout().toSeconds()).isEqualTo(30);
        });
    }

    @Test
    void operatorsSetTheApiUrlTheTimeoutsAndTheCaps() {
        runner.withPropertyValues(COMPLETE).withPropertyValues(
                "tribune.rtc.livekit.api-url=http://livekit.internal:7880/",
                "tribune.rtc.livekit.read-timeout=2s",
                "tribune.rtc.livekit.max-speakers=12",
                "tribune.rtc.livekit.max-participants=500").run(context -> {
                    assertThat(context.getBean(LiveKitProperties.class).apiBase()).isEqualTo("http://livekit.internal:7880");
                    assertThat(context.getBean(RtcProvider.class).capabilities()).isEqualTo(new RtcProvider.Capabilities(true, true, 12, 500));
                });
    }

    @Test
    void aLocalServerOnPlainWebSocketsIsReachedOverPlainHttp() {
        runner.withPropertyValues(COMPLETE).withPropertyValues("tribune.rtc.livekit.url=ws://127.0.0.1:7880").run(context ->
                assertThat(context.getBean(LiveKitProperties.class).apiBase()).isEqualTo("http://127.0.0.1:7880"));
    }

    @Test
    void aMissingApiSecretStopsStartUpNamingIt() {
        runner.withPropertyValues("tribune.rtc.livekit.url=wss://livekit.tribune.test",
                "tribune.rtc.livekit.api-key=" + LiveKitTestKit.API_KEY).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StartupMessage.of(context.getStartupFailure()))
                            .contains("tribune.rtc.livekit.api-secret: must not be blank (was not set)")
                            .doesNotContain("tribune.rtc.livekit.api-key:");
                });
    }

    @Test
    void aMissingApiKeyStopsStartUpNamingIt() {
        runner.withPropertyValues("tribune.rtc.livekit.url=wss://livekit.tribune.test",
                "tribune.rtc.livekit.api-secret=" + LiveKitTestKit.API_SECRET).run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.livekit.api-key: must not be blank (was not set)"));
    }

    @Test
    void everyMissingKeyIsNamedAtOnce() {
        runner.withPropertyValues("tribune.rtc.livekit.url=wss://livekit.tribune.test").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.livekit.api-key: must not be blank (was not set)")
                        .contains("tribune.rtc.livekit.api-secret: must not be blank (was not set)"));
    }

    @Test
    void anEmptyUrlIsNamedNotIgnored() {
        runner.withPropertyValues("tribune.rtc.livekit.url=", "tribune.rtc.livekit.api-key=k",
                "tribune.rtc.livekit.api-secret=" + LiveKitTestKit.API_SECRET).run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.livekit.url: must not be blank (was empty)"));
    }

    @Test
    void wrongValuesAreNamed() {
        runner.withPropertyValues(COMPLETE).withPropertyValues(
                "tribune.rtc.livekit.url=livekit.tribune.test",
                "tribune.rtc.livekit.api-url=ftp://livekit.tribune.test",
                "tribune.rtc.livekit.read-timeout=0s",
                "tribune.rtc.livekit.max-speakers=4000").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.livekit.url: must be a wss:// (or ws://) URL (was \"livekit.tribune.test\")")
                        .contains("tribune.rtc.livekit.api-url: must be an https:// (or http://) URL (was \"ftp://livekit.tribune.test\")")
                        .contains("tribune.rtc.livekit.read-timeout: must be positive (was \"0s\")")
                        .contains("tribune.rtc.livekit: max-speakers must not exceed max-participants"));
    }

    @Test
    void aShortSecretIsAllowedBecauseLiveKitsDevServerUsesOne() {
        // `livekit-server --dev` runs with devkey / secret; LiveKit itself only warns about secrets under 32 bytes
        runner.withPropertyValues("tribune.rtc.livekit.url=ws://127.0.0.1:7880", "tribune.rtc.livekit.api-key=devkey",
                "tribune.rtc.livekit.api-secret=secret").run(context -> assertThat(context).hasSingleBean(RtcProvider.class));
    }
}
