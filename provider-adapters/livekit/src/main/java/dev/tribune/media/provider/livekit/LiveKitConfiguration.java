package dev.tribune.media.provider.livekit;

import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.shared.StartupFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LiveKit adapter, active when {@code tribune.rtc.livekit.url} is set. Its other settings are checked here, and
 * start-up stops naming every key that is missing or wrong.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.livekit", name = "url")
@EnableConfigurationProperties(LiveKitProperties.class)
class LiveKitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LiveKitConfiguration.class);

    static final String PREFIX = "tribune.rtc.livekit.";
    /** LiveKit's server logs an error for shorter secrets (livekit/livekit pkg/config/config.go) but accepts them. */
    static final int RECOMMENDED_SECRET_BYTES = 32;
    /** Room timeouts are uint32 seconds at LiveKit. */
    private static final long MAX_ROOM_TIMEOUT_SECONDS = 0xFFFF_FFFFL;

    @Bean
    LiveKitRtcProvider liveKitRtcProvider(LiveKitProperties properties, Clock clock, ObjectProvider<WebhookUrls> webhookUrls) {
        check(properties);
        if (properties.apiSecret().getBytes(StandardCharsets.UTF_8).length < RECOMMENDED_SECRET_BYTES) {
            log.warn("{}api-secret is shorter than {} bytes; LiveKit recommends at least that for production keys",
                    PREFIX, RECOMMENDED_SECRET_BYTES);
        }
        JsonMapper json = JsonMapper.builder().build();
        LiveKitTokens tokens = new LiveKitTokens(properties.apiKey().strip(), properties.apiSecret(), clock);
        LiveKitRoomService rooms = new LiveKitRoomService(properties.apiBase(), properties.connectTimeout(), properties.readTimeout(),
                tokens, json);
        WebhookUrls urls = webhookUrls.getIfAvailable();
        if (urls != null) {
            log.info("LiveKit adapter active: browsers connect to {}, RoomService at {}; point LiveKit's webhook.urls at {} "
                    + "(signed with api key {})", properties.url().strip(), properties.apiBase(), urls.forProvider(LiveKitRtcProvider.NAME),
                    properties.apiKey().strip());
        }
        return new LiveKitRtcProvider(properties, tokens, rooms, new LiveKitWebhooks(tokens, json, clock), json, clock);
    }

    static void check(LiveKitProperties properties) {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        if (blank(properties.url())) {
            missing.add(PREFIX + "url");
        } else if (!LiveKitProperties.isUrl(properties.url(), "wss", "ws", "https", "http")) {
            wrong.add(PREFIX + "url must be a wss:// (or ws://) URL, was '" + properties.url() + "'");
        }
        if (blank(properties.apiKey())) {
            missing.add(PREFIX + "api-key");
        }
        if (blank(properties.apiSecret())) {
            missing.add(PREFIX + "api-secret");
        }
        if (!blank(properties.apiUrl()) && !LiveKitProperties.isUrl(properties.apiUrl(), "https", "http")) {
            wrong.add(PREFIX + "api-url must be an https:// (or http://) URL, was '" + properties.apiUrl() + "'");
        }
        positive(properties.connectTimeout(), "connect-timeout", wrong);
        positive(properties.readTimeout(), "read-timeout", wrong);
        roomTimeout(properties.emptyTimeout(), "empty-timeout", wrong);
        roomTimeout(properties.departureTimeout(), "departure-timeout", wrong);
        if (properties.maxSpeakers() < 1) {
            wrong.add(PREFIX + "max-speakers must be at least 1");
        }
        if (properties.maxParticipants() < 2) {
            wrong.add(PREFIX + "max-participants must be at least 2");
        } else if (properties.maxSpeakers() > properties.maxParticipants()) {
            wrong.add(PREFIX + "max-speakers must not exceed max-participants");
        }
        if (missing.isEmpty() && wrong.isEmpty()) {
            return;
        }
        List<String> said = new ArrayList<>();
        if (!missing.isEmpty()) {
            said.add("missing " + String.join(", ", missing));
        }
        said.addAll(wrong);
        throw new StartupFailure("LiveKit is configured (" + PREFIX + "url is set) but its settings are incomplete or wrong: "
                + String.join("; ", said) + ".",
                "Set " + PREFIX + "url, " + PREFIX + "api-key and " + PREFIX + "api-secret (from your LiveKit server's keys or "
                        + "LiveKit Cloud project), or remove " + PREFIX + "url to turn the LiveKit adapter off.", null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void positive(Duration value, String key, List<String> wrong) {
        if (value == null || value.isNegative() || value.isZero()) {
            wrong.add(PREFIX + key + " must be positive");
        }
    }

    private static void roomTimeout(Duration value, String key, List<String> wrong) {
        if (value == null || value.toSeconds() < 1 || value.toSeconds() > MAX_ROOM_TIMEOUT_SECONDS) {
            wrong.add(PREFIX + key + " must be between 1s and " + MAX_ROOM_TIMEOUT_SECONDS + "s");
        }
    }
}
