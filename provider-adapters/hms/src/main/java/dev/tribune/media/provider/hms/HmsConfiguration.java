package dev.tribune.media.provider.hms;

import dev.tribune.media.spi.WebhookUrls;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns the 100ms adapter on when {@code tribune.rtc.hms.access-key} is set. {@link HmsProperties} states what the
 * rest of its settings must be; otherwise the service refuses to start and says which keys to fix.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.hms", name = "access-key")
@EnableConfigurationProperties(HmsProperties.class)
class HmsConfiguration {

    @Bean
    HmsRtcProvider hmsRtcProvider(HmsProperties properties, WebhookUrls webhookUrls, Clock clock) {
        HmsTokens tokens = new HmsTokens(properties.accessKey(), properties.appSecret(), clock);
        return new HmsRtcProvider(properties, new HmsApi(properties, tokens), tokens, webhookUrls);
    }
}
