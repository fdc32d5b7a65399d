package dev.tribune.media.provider.hms;

import dev.tribune.media.spi.ProviderLimits.Timeout;
import dev.tribune.media.spi.AbsoluteUrl;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * 100ms settings. The adapter is active when {@code access-key} is set, and so are these settings: the condition keeps
 * the application's properties scan from binding (and validating) them when 100ms is not configured.
 *
 * @param accessKey      the app access key (dashboard, Developer section); its presence turns the adapter on
 * @param appSecret      the app secret: signs the management token (REST) and the peers' app tokens
 * @param templateId     the template new rooms get; it must have {@code speakerRole} and {@code listenerRole}
 * @param speakerRole    the template role HOST, MODERATORs and SPEAKERs join with; must allow publishing audio
 * @param listenerRole   the template role the audience joins with; must allow publishing nothing
 * @param webhookHeader  the header 100ms is asked to send with every callback, carrying {@code webhookSecret}
 * @param webhookSecret  the value of that header (100ms signs nothing: this shared secret is the authentication, so it
 *                       must not be guessable)
 * @param baseUrl        the REST API, {@code https://api.100ms.live/v2}
 * @param connectTimeout how long to wait for a connection to the REST API
 * @param readTimeout    how long to wait for one REST answer
 */
@Validated
@ConditionalOnProperty(prefix = "tribune.rtc.hms", name = "access-key")
@ConfigurationProperties("tribune.rtc.hms")
record HmsProperties(
        @NotBlank String accessKey,
        @NotBlank String appSecret,
        @NotBlank String templateId,
        @NotBlank @DefaultValue("speaker") String speakerRole,
        @NotBlank @DefaultValue("listener") String listenerRole,
        @NotNull @Pattern(regexp = "[A-Za-z0-9!#$%&'*+.^_`|~-]+", message = "must be an HTTP header name")
        @DefaultValue("X-Tribune-Webhook-Secret") String webhookHeader,
        @NotBlank @Size(min = 32, message = "must be at least {min} characters") String webhookSecret,
        @NotNull @AbsoluteUrl @DefaultValue("https://api.100ms.live/v2") URI baseUrl,
        @Timeout @DefaultValue("3s") Duration connectTimeout,
        @Timeout @DefaultValue("10s") Duration readTimeout) {

    @AssertTrue(message = "speaker-role and listener-role must be different roles")
    boolean isOneRolePerSide() {
        return speakerRole == null || !speakerRole.equals(listenerRole);
    }

    @Override
    public String toString() {
        // never print the secrets (Boot's failure analysis and debug logs may print bound properties)
        return "HmsProperties[accessKey=" + accessKey + ", templateId=" + templateId + ", speakerRole=" + speakerRole
                + ", listenerRole=" + listenerRole + ", webhookHeader=" + webhookHeader + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
