package dev.tribune.media;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * ICE servers handed to browsers. With {@code turn-secret}, TURN credentials are minted per user in coturn's
 * {@code use-auth-secret} scheme: username "expiry:userId", password base64(HMAC-SHA1(secret, username)).
 *
 * @param transportPolicy the browsers' {@code RTCConfiguration.iceTransportPolicy}: {@code all} (default), or
 *                        {@code relay} so media goes only through TURN and no participant learns another's (or
 *                        the SFU learns a participant's) own address
 */
@Validated
@ConfigurationProperties("tribune.rtc.ice")
record IceProperties(@DefaultValue List<String> stunUrls, @DefaultValue List<String> turnUrls, String turnSecret,
        @DefaultValue("1h") Duration turnTtl,
        @Pattern(regexp = "all|relay", message = "must be all or relay") @DefaultValue("all") String transportPolicy) {

    boolean turnConfigured() {
        return !turnUrls.isEmpty() && turnSecret != null && !turnSecret.isBlank();
    }

    /** Relay-only with no TURN server handed out: no browser would gather a single candidate, nobody could connect. */
    @AssertTrue(message = "transport-policy=relay needs turn-urls and turn-secret: without a TURN server nobody could connect")
    boolean isRelayServedByTurn() {
        return !"relay".equals(transportPolicy) || turnConfigured();
    }
}
