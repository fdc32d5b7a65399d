package dev.tribune.media.provider.livekit;

import dev.tribune.media.spi.WebhookUrls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LiveKit adapter, active when {@code tribune.rtc.livekit.url} is set. {@link LiveKitProperties} states what its
 * other settings must be, and start-up stops naming every key that is missing or wrong.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.livekit", name = "url")
@EnableConfigurationProperties(LiveKitProperties.class)
class LiveKitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LiveKitConfiguration.class);

    static final String PREFIX = "tribune.rtc.livekit.";
    /** LiveKit's server logs an error for shorter secrets (livekit/livekit pkg/config/config.go) but accepts them. */
    static final int RECOMMENDED_SECRET_BYTES = 32;

    @Bean
    LiveKitRtcProvider liveKitRtcProvider(LiveKitProperties properties, Clock clock, ObjectProvider<WebhookUrls> webhookUrls) {
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
}
