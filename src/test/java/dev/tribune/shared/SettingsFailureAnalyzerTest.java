package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.validation.annotation.Validated;

/** Invalid settings stop start-up with one message: each key, its value (secrets hidden) and the rule it breaks. */
class SettingsFailureAnalyzerTest {

    @Validated
    @ConfigurationProperties("tribune.example")
    record ExampleProperties(@Pattern(regexp = "SK.*", message = "must start with SK") String apiKeySid,
            @NotBlank String apiSecret, @Size(min = 32, message = "must be at least {min} characters") String signingKey,
            @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String baseUrl) {

        @AssertTrue(message = "api-key-sid and api-secret must differ")
        boolean isKeyNotSecret() {
            return apiKeySid == null || !apiKeySid.equals(apiSecret);
        }
    }

    @EnableConfigurationProperties(ExampleProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void eachBadKeyIsNamedWithItsValueAndTheRuleAndSecretsAreNotShown() {
        runner.withPropertyValues("tribune.example.api-key-sid=AC123", "tribune.example.signing-key=hunter2",
                "tribune.example.base-url=ftp://example.org").run(context -> {
            String message = StartupMessage.of(context.getStartupFailure());
            assertThat(message)
                    .contains("Settings under tribune.example are invalid:")
                    .contains("tribune.example.api-key-sid: must start with SK (was \"AC123\")")
                    .contains("tribune.example.api-secret: must not be blank (was not set)")
                    .contains("tribune.example.signing-key: must be at least 32 characters (was set, not shown)")
                    .contains("tribune.example.base-url: must be an http(s) URL (was \"ftp://example.org\")")
                    .doesNotContain("hunter2");
        });
    }

    @Test
    void aRuleOverSeveralKeysIsNamedUnderTheirPrefix() {
        runner.withPropertyValues("tribune.example.api-key-sid=SK1", "tribune.example.api-secret=SK1").run(context ->
                assertThat(StartupMessage.of(context.getStartupFailure()))
                        .contains("tribune.example: api-key-sid and api-secret must differ")
                        .doesNotContain("key-not-secret"));
    }

    @Test
    void itIsTheAnalysisPrintedAtStartUpAheadOfBootsOwnWhichEchoesSecrets() {
        runner.withPropertyValues("tribune.example.api-secret=x", "tribune.example.signing-key=hunter2").run(context -> {
            Throwable failure = context.getStartupFailure();
            // the analyzers as Boot loads them, in its order; those needing constructor arguments are left out
            FailureAnalysis printed = SpringFactoriesLoader.forDefaultResourceLocation()
                    .load(FailureAnalyzer.class, ArgumentResolver.none(), FailureHandler.handleMessage((message, e) -> { }))
                    .stream().map(analyzer -> analyzer.analyze(failure)).filter(Objects::nonNull).findFirst().orElseThrow();
            assertThat(printed.getDescription()).contains("tribune.example.signing-key: must be at least 32 characters (was set, not shown)")
                    .doesNotContain("hunter2");
        });
    }

    @Test
    void keysNamingSecretsKeysTokensOrPasswordsAreHidden() {
        assertThat(SettingsFailureAnalyzer.isSecret("tribune.rtc.twilio.api-key-secret")).isTrue();
        assertThat(SettingsFailureAnalyzer.isSecret("tribune.rtc.twilio.auth-token")).isTrue();
        assertThat(SettingsFailureAnalyzer.isSecret("tribune.rtc.livekit.api-key")).isTrue();
        assertThat(SettingsFailureAnalyzer.isSecret("tribune.db.password")).isTrue();
        assertThat(SettingsFailureAnalyzer.isSecret("tribune.rtc.twilio.api-key-sid")).isFalse();
        assertThat(SettingsFailureAnalyzer.isSecret("tribune.rtc.janus.url")).isFalse();
    }
}
