package dev.tribune.media.provider.twilio;

import com.twilio.http.TwilioRestClient;
import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.WebhookUrls;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Twilio adapter is active when {@code tribune.rtc.twilio.account-sid} is set; {@link TwilioProperties} then
 * states what the other keys must be, and start-up stops naming each one that is wrong.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.twilio", name = "account-sid")
@EnableConfigurationProperties(TwilioProperties.class)
class TwilioConfiguration {

    @Bean
    TwilioRtcProvider twilioRtcProvider(TwilioProperties settings, WebhookUrls webhookUrls, ParticipantStateSource states) {
        TwilioRestClient client = new TwilioRestClient.Builder(settings.apiKeySid(), settings.apiKeySecret())
                .accountSid(settings.accountSid())
                .httpClient(new TwilioHttpClient(URI.create(settings.baseUrl().strip()), settings.connectTimeout(), settings.readTimeout()))
                .build();
        return new TwilioRtcProvider(settings, client, webhookUrls, states);
    }
}
