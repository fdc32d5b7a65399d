package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.IceServers;
import dev.tribune.media.spi.OpenProviderRooms;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Janus adapter, active when {@code tribune.rtc.janus.url} is set. {@link JanusProperties} states what its other
 * settings must be, and start-up stops naming every key that is missing or wrong. The relay ({@link JanusRelay}) has
 * the same condition.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.janus", name = "url")
@EnableConfigurationProperties(JanusProperties.class)
class JanusConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JanusConfiguration.class);

    static final String PREFIX = "tribune.rtc.janus.";

    @Bean
    JanusGateway janusGateway(JanusProperties properties) {
        return new JanusGateway(properties.base(), properties.apiSecret(), properties.connectTimeout(), properties.readTimeout(),
                properties.keepalive(), JsonMapper.builder().build());
    }

    @Bean
    JanusTokens janusTokens(JanusProperties properties, Clock clock) {
        return new JanusTokens(properties.apiSecret(), properties.tokenTtl(), clock);
    }

    @Bean
    JanusRtcProvider janusRtcProvider(JanusProperties properties, JanusGateway gateway, JanusTokens tokens,
            ObjectProvider<JdbcClient> jdbc, ObjectProvider<IceServers> iceServers) {
        log.info("Janus adapter active: VideoRoom at {}; browsers use the relay at {}; presence from Janus's events: {}",
                properties.base(), JanusRelay.PATH, properties.receivesEvents() ? "at /api/v1/webhooks/janus" : "off (no events-secret)");
        JanusEvents events = properties.receivesEvents()
                ? new JanusEvents(properties.eventsSecret(), () -> new JanusPeers(jdbc.getObject()), JsonMapper.builder().build())
                : null;
        return new JanusRtcProvider(properties, gateway, tokens, () -> new JanusSessions(jdbc.getObject()), iceServers::getIfAvailable,
                events);
    }

    /** Once every bean exists: keep the backend session alive, and make the open rooms again on each new one. */
    @Bean
    SmartInitializingSingleton janusKeepalive(JanusGateway gateway, JanusRtcProvider provider, ObjectProvider<OpenProviderRooms> rooms) {
        return () -> gateway.start(() -> provider.recreateOpenRooms(rooms::getIfAvailable));
    }
}
