package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.shared.StartupMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A configured access-token key must be long enough; a blank one counts as unset. */
class AuthPropertiesTest {

    @EnableConfigurationProperties(AuthProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void aShortJwtSecretStopsStartUpWithoutShowingIt() {
        runner.withPropertyValues("tribune.auth.jwt-secret=too-short-a-key").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.auth.jwt-secret: must be at least 32 characters, e.g. the output of 'openssl rand -base64 48' "
                                + "(was set, not shown)")
                        .doesNotContain("too-short-a-key"));
    }

    @Test
    void aBlankOrLongEnoughJwtSecretIsAccepted() {
        runner.withPropertyValues("tribune.auth.jwt-secret=").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("tribune.auth.jwt-secret=   ").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("tribune.auth.jwt-secret=" + "k".repeat(32)).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aShortAcceptedJwtSecretStopsStartUpWithoutShowingIt() {
        runner.withPropertyValues("tribune.auth.jwt-accepted-secrets=" + "k".repeat(32) + ",short-old-key").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.auth.jwt-accepted-secrets[1]: must be at least 32 characters")
                        .doesNotContain("short-old-key"));
    }
}
