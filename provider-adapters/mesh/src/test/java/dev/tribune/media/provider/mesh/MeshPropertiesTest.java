package dev.tribune.media.provider.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.shared.StartupMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;

class MeshPropertiesTest {

    @EnableConfigurationProperties(MeshProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void meshIsCappedByDefault() {
        runner.run(context -> {
            MeshProperties mesh = context.getBean(MeshProperties.class);
            assertThat(mesh.maxSpeakers()).isEqualTo(8);
            assertThat(mesh.maxParticipants()).isEqualTo(40);
        });
    }

    @Test
    void operatorsSetTheCaps() {
        runner.withPropertyValues("tribune.rtc.mesh.max-speakers=3", "tribune.rtc.mesh.max-participants=12")
                .run(context -> {
                    MeshProperties mesh = context.getBean(MeshProperties.class);
                    assertThat(mesh.maxSpeakers()).isEqualTo(3);
                    assertThat(mesh.maxParticipants()).isEqualTo(12);
                });
    }

    @Test
    void capsOutsideTheirRangeStopTheServiceSayingWhich() {
        runner.withPropertyValues("tribune.rtc.mesh.max-speakers=0").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure())).contains("tribune.rtc.mesh.max-speakers: must be greater than or equal to 1 (was \"0\")"));
        runner.withPropertyValues("tribune.rtc.mesh.max-speakers=10", "tribune.rtc.mesh.max-participants=5").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure())).contains("tribune.rtc.mesh: max-speakers must not exceed max-participants"));
    }
}
