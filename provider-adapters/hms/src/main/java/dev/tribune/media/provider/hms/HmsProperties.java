package dev.tribune.media.provider.hms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 100ms settings. The adapter is active when {@code access-key} is set; {@link HmsConfiguration} then checks the rest
 * and refuses to start naming what is missing. There are deliberately no bean-validation annotations here: the
 * application binds this record whether or not 100ms is configured.
 *
 * @param accessKey      the app access key (dashboard, Developer section); its presence turns the adapter on
 * @param appSecret      the app secret: signs the management token (REST) and the peers' app tokens
 * @param templateId     the template new rooms get; it must have {@code speakerRole} and {@code listenerRole}
 * @param speakerRole    the template role HOST, MODERATORs and SPEAKERs join with; must allow publishing audio
 * @param listenerRole   the template role the audience joins with; must allow publishing nothing
 * @param webhookHeader  the header 100ms is asked to send with every callback, carrying {@code webhookSecret}
 * @param webhookSecret  the value of that header (100ms signs nothing: this shared secret is the authentication)
 * @param baseUrl        the REST API, {@code https://api.100ms.live/v2}
 * @param connectTimeout how long to wait for a connection to the REST API
 * @param readTimeout    how long to wait for one REST answer
 */
@ConfigurationProperties("tribune.rtc.hms")
record HmsProperties(
        String accessKey,
        String appSecret,
        String templateId,
        @DefaultValue("speaker") String speakerRole,
        @DefaultValue("listener") String listenerRole,
        @DefaultValue("X-Tribune-Webhook-Secret") String webhookHeader,
        String webhookSecret,
        @DefaultValue("https://api.100ms.live/v2") URI baseUrl,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

    @Override
    public String toString() {
        // never print the secrets (Boot's failure analysis and debug logs may print bound properties)
        return "HmsProperties[accessKey=" + accessKey + ", templateId=" + templateId + ", speakerRole=" + speakerRole
                + ", listenerRole=" + listenerRole + ", webhookHeader=" + webhookHeader + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
