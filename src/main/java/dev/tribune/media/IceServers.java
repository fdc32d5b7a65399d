package dev.tribune.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/** The RTCIceServer list for one user, with time-limited TURN credentials when a TURN secret is configured. */
@Component
public class IceServers {

    private final IceProperties properties;
    private final Clock clock;

    IceServers(IceProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public List<Map<String, Object>> forUser(UUID userId) {
        List<Map<String, Object>> servers = new ArrayList<>();
        if (!properties.stunUrls().isEmpty()) {
            servers.add(Map.of("urls", properties.stunUrls()));
        }
        if (!properties.turnUrls().isEmpty() && properties.turnSecret() != null && !properties.turnSecret().isBlank()) {
            long expiry = clock.instant().plus(properties.turnTtl()).getEpochSecond();
            String username = expiry + ":" + userId;
            servers.add(Map.of("urls", properties.turnUrls(), "username", username, "credential", hmacSha1(properties.turnSecret(), username)));
        }
        return servers;
    }

    static String hmacSha1(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
