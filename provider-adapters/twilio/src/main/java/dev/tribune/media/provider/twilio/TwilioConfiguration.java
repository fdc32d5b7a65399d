package dev.tribune.media.provider.twilio;

import com.twilio.http.TwilioRestClient;
import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.shared.StartupFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Twilio adapter is active when {@code tribune.rtc.twilio.account-sid} is set. Then every other key must be
 * right, or the service refuses to start naming the keys: a wrong key would otherwise surface only as joins failing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.twilio", name = "account-sid")
@EnableConfigurationProperties(TwilioProperties.class)
class TwilioConfiguration {

    private static final String PREFIX = "tribune.rtc.twilio.";
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern API_KEY_SID = Pattern.compile("SK[0-9a-fA-F]{32}");
    /** jjwt (inside twilio-java 13) refuses HS256 keys under 256 bits; Twilio's key secrets are 32 characters. */
    private static final int MIN_SECRET_BYTES = 32;

    @Bean
    TwilioRtcProvider twilioRtcProvider(TwilioProperties settings, WebhookUrls webhookUrls) {
        URI baseUrl = check(settings);
        TwilioRestClient client = new TwilioRestClient.Builder(settings.apiKeySid(), settings.apiKeySecret())
                .accountSid(settings.accountSid())
                .httpClient(new TwilioHttpClient(baseUrl, settings.connectTimeout(), settings.readTimeout()))
                .build();
        return new TwilioRtcProvider(settings, client, webhookUrls);
    }

    /** Every problem at once, so an operator fixes the settings in one go. */
    static URI check(TwilioProperties settings) {
        List<String> problems = new ArrayList<>();
        if (!matches(ACCOUNT_SID, settings.accountSid())) {
            problems.add(PREFIX + "account-sid must be the account SID: AC followed by 32 hex digits");
        }
        if (blank(settings.apiKeySid())) {
            problems.add(PREFIX + "api-key-sid is missing");
        } else if (!matches(API_KEY_SID, settings.apiKeySid())) {
            problems.add(PREFIX + "api-key-sid must be an API key SID: SK followed by 32 hex digits");
        }
        if (blank(settings.apiKeySecret())) {
            problems.add(PREFIX + "api-key-secret is missing");
        } else if (settings.apiKeySecret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add(PREFIX + "api-key-secret is shorter than " + MIN_SECRET_BYTES + " bytes, too short to sign access tokens (HS256)");
        }
        if (blank(settings.authToken())) {
            problems.add(PREFIX + "auth-token is missing (it verifies Twilio's status callbacks)");
        }
        URI baseUrl = null;
        try {
            baseUrl = new URI(settings.baseUrl());
            if (!("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme())) || baseUrl.getHost() == null
                    || baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
                problems.add(PREFIX + "base-url must be an http(s) URL without query or fragment");
            }
        } catch (URISyntaxException | NullPointerException e) {
            problems.add(PREFIX + "base-url must be an http(s) URL without query or fragment");
        }
        if (!positive(settings.connectTimeout())) {
            problems.add(PREFIX + "connect-timeout must be positive");
        }
        if (!positive(settings.readTimeout())) {
            problems.add(PREFIX + "read-timeout must be positive");
        }
        if (!problems.isEmpty()) {
            throw new StartupFailure("Twilio is configured (" + PREFIX + "account-sid is set) but its settings are incomplete: "
                    + String.join("; ", problems) + ".",
                    "Set " + PREFIX + "account-sid, api-key-sid, api-key-secret and auth-token from the Twilio console "
                            + "(environment variables TRIBUNE_RTC_TWILIO_*), or remove " + PREFIX + "account-sid to turn the adapter off.",
                    null);
        }
        return baseUrl;
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
