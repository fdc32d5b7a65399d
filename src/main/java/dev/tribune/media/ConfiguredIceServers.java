package dev.tribune.media;

import dev.tribune.media.spi.IceServers;
import dev.tribune.media.spi.IceServers.IceServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/** The RTCIceServer list for one user, with time-limited TURN credentials when a TURN secret is configured. */
@Component
class ConfiguredIceServers implements IceServers {

    private final IceProperties properties;
    private final Clock clock;

    ConfiguredIceServers(IceProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public List<IceServer> forUser(UUID userId) {
        List<IceServer> servers = new ArrayList<>();
        if (!properties.stunUrls().isEmpty()) {
            servers.add(IceServer.stun(properties.stunUrls()));
        }
        if (properties.turnConfigured()) {
            long expiry = clock.instant().plus(properties.turnTtl()).getEpochSecond();
            String username = expiry + ":" + userId;
            servers.add(new IceServer(properties.turnUrls(), username, hmacSha1(properties.turnSecret(), username)));
        }
        return servers;
    }

    @Override
    public String transportPolicy() {
        return properties.transportPolicy();
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
