package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.shared.StartupMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** The ICE settings: browsers use every candidate unless the operator asks for relay only, which needs a TURN server. */
class IcePropertiesTest {

    @EnableConfigurationProperties(IceProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void browsersUseEveryKindOfCandidateByDefault() {
        runner.run(context -> assertThat(context.getBean(IceProperties.class).transportPolicy()).isEqualTo("all"));
    }

    @Test
    void relayOnlyWithATurnServerStarts() {
        runner.withPropertyValues("tribune.rtc.ice.transport-policy=relay", "tribune.rtc.ice.turn-urls=turn:turn.example.test:3478",
                "tribune.rtc.ice.turn-secret=change-me-turn-secret").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(IceProperties.class).transportPolicy()).isEqualTo("relay");
                });
    }

    @Test
    void anUnknownPolicyStopsStartUpNamingTheKey() {
        runner.withPropertyValues("tribune.rtc.ice.transport-policy=public").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.ice.transport-policy: must be all or relay (was \"public\")"));
    }

    @Test
    void relayOnlyWithoutTurnStopsStartUpSinceNobodyCouldConnect() {
        runner.withPropertyValues("tribune.rtc.ice.transport-policy=relay").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.rtc.ice: transport-policy=relay needs turn-urls and turn-secret"));
        // TURN urls without the secret hand out no TURN server either
        runner.withPropertyValues("tribune.rtc.ice.transport-policy=relay", "tribune.rtc.ice.turn-urls=turn:turn.example.test:3478")
                .run(context -> assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("transport-policy=relay needs turn-urls and turn-secret"));
    }
}
