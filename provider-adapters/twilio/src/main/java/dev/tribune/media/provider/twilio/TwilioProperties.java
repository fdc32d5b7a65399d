package dev.tribune.media.provider.twilio;

import dev.tribune.media.spi.ProviderLimits.Timeout;
import dev.tribune.media.spi.AbsoluteUrl;
import dev.tribune.media.spi.MinBytes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio Programmable Video settings. The adapter is active when {@code account-sid} is set, and so are these
 * settings: the condition keeps the application's properties scan from binding (and validating) them when Twilio is
 * not configured at all. A wrong key would otherwise surface only as joins failing.
 *
 * @param accountSid     the account (AC...): the {@code sub} of every access token
 * @param apiKeySid      an API key (SK..., US1 region) used for REST calls and as the tokens' issuer
 * @param apiKeySecret   that key's secret: REST Basic auth password and the tokens' HS256 key; jjwt (inside twilio-java
 *                       13) refuses HS256 keys under 256 bits, and Twilio's key secrets are 32 characters
 * @param authToken      the account's auth token: only to check the signature of status callbacks
 * @param baseUrl        the Video REST API; tests point it at a stand-in
 * @param connectTimeout how long to wait for a connection to Twilio
 * @param readTimeout    how long to wait for Twilio's answer to one request
 */
@Validated
@ConditionalOnProperty(prefix = "tribune.rtc.twilio", name = "account-sid")
@ConfigurationProperties("tribune.rtc.twilio")
record TwilioProperties(
        @Pattern(regexp = "AC[0-9a-fA-F]{32}", message = "must be the account SID: AC followed by 32 hex digits") String accountSid,
        // empty is @NotBlank's to report
        @NotBlank @Pattern(regexp = "(SK[0-9a-fA-F]{32})?", message = "must be an API key SID: SK followed by 32 hex digits") String apiKeySid,
        @NotBlank @MinBytes(value = 32, message = "must be at least {value} bytes to sign access tokens (HS256)") String apiKeySecret,
        @NotBlank(message = "must not be blank: it verifies Twilio's status callbacks") String authToken,
        @NotBlank @AbsoluteUrl @Pattern(regexp = "[^?#]*", message = "must have no query or fragment")
        @DefaultValue("https://video.twilio.com") String baseUrl,
        @Timeout @DefaultValue("3s") Duration connectTimeout,
        @Timeout @DefaultValue("10s") Duration readTimeout) {

    /** Secrets stay out of logs and failure messages. */
    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", apiKeySid=" + apiKeySid + ", apiKeySecret=" + masked(apiKeySecret)
                + ", authToken=" + masked(authToken) + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }

    private static String masked(String secret) {
        return secret == null ? "null" : "****";
    }
}
