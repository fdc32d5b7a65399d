package dev.tribune.media.provider.twilio;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio Programmable Video settings. The adapter is active when {@code account-sid} is set; the other keys are then
 * required and checked by {@link TwilioConfiguration} (not by bean validation here: the application scans every
 * settings class, and this one must bind quietly when Twilio is not configured at all).
 *
 * @param accountSid     the account (AC...): the {@code sub} of every access token
 * @param apiKeySid      an API key (SK..., US1 region) used for REST calls and as the tokens' issuer
 * @param apiKeySecret   that key's secret: REST Basic auth password and the tokens' HS256 key
 * @param authToken      the account's auth token: only to check the signature of status callbacks
 * @param baseUrl        the Video REST API; tests point it at a stand-in
 * @param connectTimeout how long to wait for a connection to Twilio
 * @param readTimeout    how long to wait for Twilio's answer to one request
 */
@ConfigurationProperties("tribune.rtc.twilio")
record TwilioProperties(
        String accountSid,
        String apiKeySid,
        String apiKeySecret,
        String authToken,
        @DefaultValue("https://video.twilio.com") String baseUrl,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout) {

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
