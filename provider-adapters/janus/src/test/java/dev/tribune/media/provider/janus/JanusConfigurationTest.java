package dev.tribune.media.provider.janus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.media.spi.RtcProvider;
import dev.tribune.shared.StartupMessage;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The adapter is there exactly when Janus is configured, and a half-done configuration stops start-up saying what. */
class JanusConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    static class Core {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Core.class, JanusConfiguration.class);

    // nothing listens there: the keepalive only logs that it cannot reach Janus
    static final String URL = "tribune.rtc.janus.url=http://127.0.0.1:9/janus";
    static final String SECRET = "tribune.rtc.janus.api-secret=" + JanusTestServer.API_SECRET;

    @Test
    void withoutSettingsThereIsNoJanusAdapter() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RtcProvider.class);
            assertThat(context).doesNotHaveBean(JanusGateway.class);
        });
    }

    @Test
    void withSettingsTheAdapterIsThereNamedJanusWithItsDefaults() {
        runner.withPropertyValues(URL, SECRET).run(context -> {
            assertThat(context).hasSingleBean(RtcProvider.class);
            RtcProvider provider = context.getBean(RtcProvider.class);
            assertThat(provider.name()).isEqualTo("janus");
            assertThat(provider.capabilities()).isEqualTo(new RtcProvider.Capabilities(true, true, 16, 500));
            assertThat(context.getBean(JanusProperties.class).keepalive().toSeconds()).isEqualTo(25);
        });
    }

    @Test
    void aMissingApiSecretStopsStartUpNamingIt() {
        runner.withPropertyValues(URL).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupMessage.of(context.getStartupFailure()))
                    .contains("tribune.rtc.janus.api-secret: must not be blank (was not set)");
        });
    }

    @Test
    void aWrongUrlAShortSecretAndTooManySpeakersAreNamed() {
        runner.withPropertyValues("tribune.rtc.janus.url=ws://janus", "tribune.rtc.janus.api-secret=short",
                "tribune.rtc.janus.max-speakers=600").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupMessage.of(context.getStartupFailure()))
                    .contains("tribune.rtc.janus.url: must be the Janus HTTP API base, http(s)://host:port/janus (was \"ws://janus\")")
                    .contains("tribune.rtc.janus.api-secret: must be at least 32 bytes (was set, not shown)")
                    .contains("tribune.rtc.janus: max-speakers must not exceed max-participants");
        });
    }

    @Test
    void withAnEventsSecretJanusPostsItsEventsHereAndWithoutOneTheRouteIsNotThere() {
        runner.withPropertyValues(URL, SECRET).run(context ->
                assertThat(context.getBean(RtcProvider.class).receivesWebhooks()).isFalse());
        runner.withPropertyValues(URL, SECRET, "tribune.rtc.janus.events-secret=" + JanusTestServer.EVENTS_SECRET).run(context ->
                assertThat(context.getBean(RtcProvider.class).receivesWebhooks()).isTrue());
    }

    @Test
    void aShortEventsSecretStopsStartUpNamingIt() {
        runner.withPropertyValues(URL, SECRET, "tribune.rtc.janus.events-secret=change-me").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupMessage.of(context.getStartupFailure()))
                    .contains("tribune.rtc.janus.events-secret: must be at least 32 bytes (was set, not shown)");
        });
    }
}
