package dev.tribune.media.provider.hms;

import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.shared.StartupFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns the 100ms adapter on when {@code tribune.rtc.hms.access-key} is set, after checking that the rest of its
 * settings are there and make sense; otherwise the service refuses to start and says which keys to fix.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.hms", name = "access-key")
@EnableConfigurationProperties(HmsProperties.class)
class HmsConfiguration {

    /** The webhook secret is the only thing that authenticates a 100ms callback, so it must not be guessable. */
    static final int MIN_WEBHOOK_SECRET_LENGTH = 32;

    @Bean
    HmsRtcProvider hmsRtcProvider(HmsProperties properties, WebhookUrls webhookUrls, Clock clock) {
        check(properties);
        HmsTokens tokens = new HmsTokens(properties.accessKey(), properties.appSecret(), clock);
        return new HmsRtcProvider(properties, new HmsApi(properties, tokens), tokens, webhookUrls);
    }

    static void check(HmsProperties hms) {
        List<String> problems = new ArrayList<>();
        if (blank(hms.accessKey())) {
            problems.add("tribune.rtc.hms.access-key is empty");
        }
        if (blank(hms.appSecret())) {
            problems.add("tribune.rtc.hms.app-secret is missing");
        }
        if (blank(hms.templateId())) {
            problems.add("tribune.rtc.hms.template-id is missing");
        }
        if (blank(hms.webhookSecret())) {
            problems.add("tribune.rtc.hms.webhook-secret is missing");
        } else if (hms.webhookSecret().length() < MIN_WEBHOOK_SECRET_LENGTH) {
            problems.add("tribune.rtc.hms.webhook-secret is shorter than " + MIN_WEBHOOK_SECRET_LENGTH + " characters");
        }
        if (blank(hms.speakerRole())) {
            problems.add("tribune.rtc.hms.speaker-role is empty");
        }
        if (blank(hms.listenerRole())) {
            problems.add("tribune.rtc.hms.listener-role is empty");
        }
        if (!blank(hms.speakerRole()) && hms.speakerRole().equals(hms.listenerRole())) {
            problems.add("tribune.rtc.hms.speaker-role and listener-role are the same role");
        }
        if (blank(hms.webhookHeader()) || !hms.webhookHeader().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            problems.add("tribune.rtc.hms.webhook-header is not an HTTP header name");
        }
        if (hms.baseUrl() == null || hms.baseUrl().getHost() == null
                || !("https".equals(hms.baseUrl().getScheme()) || "http".equals(hms.baseUrl().getScheme()))) {
            problems.add("tribune.rtc.hms.base-url is not an http(s) URL");
        }
        if (!positive(hms.connectTimeout())) {
            problems.add("tribune.rtc.hms.connect-timeout must be positive");
        }
        if (!positive(hms.readTimeout())) {
            problems.add("tribune.rtc.hms.read-timeout must be positive");
        }
        if (!problems.isEmpty()) {
            throw new StartupFailure("100ms is configured (tribune.rtc.hms.access-key is set) but " + String.join("; ", problems) + ".",
                    "Set tribune.rtc.hms.app-secret and tribune.rtc.hms.template-id from the 100ms dashboard, choose a "
                            + "tribune.rtc.hms.webhook-secret of at least " + MIN_WEBHOOK_SECRET_LENGTH + " random characters, "
                            + "and fix the keys named above; or remove tribune.rtc.hms.access-key to turn 100ms off.", null);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
