package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.shared.StartupMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The join admission's settings: sane defaults, and a value that cannot work stops start-up naming the key. */
class JoinAdmissionPropertiesTest {

    @EnableConfigurationProperties(JoinAdmissionProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaults() {
        runner.run(context -> assertThat(context.getBean(JoinAdmissionProperties.class))
                .isEqualTo(new JoinAdmissionProperties(32, Duration.ofSeconds(2), 1000)));
    }

    @Test
    void noJoinAtAllOrAnEndlessWaitStopsStartUp() {
        runner.withPropertyValues("tribune.rooms.joins.in-flight=0").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure())).contains("tribune.rooms.joins.in-flight"));
        runner.withPropertyValues("tribune.rooms.joins.max-wait=5m").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure())).contains("tribune.rooms.joins.max-wait"));
        runner.withPropertyValues("tribune.rooms.joins.max-queue=-1").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure())).contains("tribune.rooms.joins.max-queue"));
    }
}
