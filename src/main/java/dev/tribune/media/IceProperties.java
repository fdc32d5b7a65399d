package dev.tribune.media;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ICE servers handed to browsers. With {@code turn-secret}, TURN credentials are minted per user in coturn's
 * {@code use-auth-secret} scheme: username "expiry:userId", password base64(HMAC-SHA1(secret, username)).
 */
@ConfigurationProperties("tribune.rtc.ice")
record IceProperties(@DefaultValue List<String> stunUrls, @DefaultValue List<String> turnUrls, String turnSecret,
        @DefaultValue("1h") Duration turnTtl) {
}
