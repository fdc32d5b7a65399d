package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.IceServers;
import dev.tribune.media.spi.OpenProviderRooms;
import dev.tribune.shared.StartupFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Janus adapter, active when {@code tribune.rtc.janus.url} is set. Its other settings are checked here, and
 * start-up stops naming every key that is missing or wrong. The relay ({@link JanusRelay}) has the same condition.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tribune.rtc.janus", name = "url")
@EnableConfigurationProperties(JanusProperties.class)
class JanusConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JanusConfiguration.class);

    static final String PREFIX = "tribune.rtc.janus.";
    static final int MIN_SECRET_BYTES = 32;

    @Bean
    JanusGateway janusGateway(JanusProperties properties) {
        check(properties);
        return new JanusGateway(properties.base(), properties.apiSecret(), properties.connectTimeout(), properties.readTimeout(),
                properties.keepalive(), JsonMapper.builder().build());
    }

    @Bean
    JanusTokens janusTokens(JanusProperties properties, Clock clock) {
        return new JanusTokens(properties.apiSecret(), properties.tokenTtl(), clock);
    }

    @Bean
    JanusRtcProvider janusRtcProvider(JanusProperties properties, JanusGateway gateway, JanusTokens tokens,
            ObjectProvider<JdbcClient> jdbc, ObjectProvider<IceServers> iceServers) {
        log.info("Janus adapter active: VideoRoom at {}; browsers use the relay at {}", properties.base(), JanusRelay.PATH);
        return new JanusRtcProvider(properties, gateway, tokens, () -> new JanusSessions(jdbc.getObject()), iceServers::getIfAvailable);
    }

    /** Once every bean exists: keep the backend session alive, and make the open rooms again on each new one. */
    @Bean
    SmartInitializingSingleton janusKeepalive(JanusGateway gateway, JanusRtcProvider provider, ObjectProvider<OpenProviderRooms> rooms) {
        return () -> gateway.start(() -> provider.recreateOpenRooms(rooms::getIfAvailable));
    }

    static void check(JanusProperties properties) {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        if (blank(properties.url())) {
            missing.add(PREFIX + "url");
        } else if (!httpUrl(properties.url())) {
            wrong.add(PREFIX + "url must be the Janus HTTP API base, http(s)://host:port/janus, was '" + properties.url() + "'");
        }
        if (blank(properties.apiSecret())) {
            missing.add(PREFIX + "api-secret");
        } else if (properties.apiSecret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            wrong.add(PREFIX + "api-secret must be at least " + MIN_SECRET_BYTES + " bytes (it also keys the relay's tokens)");
        }
        positive(properties.connectTimeout(), "connect-timeout", wrong);
        positive(properties.readTimeout(), "read-timeout", wrong);
        positive(properties.keepalive(), "keepalive", wrong);
        if (properties.keepalive() != null && properties.keepalive().compareTo(Duration.ofSeconds(50)) > 0) {
            wrong.add(PREFIX + "keepalive must be well under Janus's session_timeout of 60s");
        }
        if (properties.tokenTtl() == null || properties.tokenTtl().isNegative() || properties.tokenTtl().isZero()
                || properties.tokenTtl().compareTo(JanusTokens.MAX_TTL) > 0) {
            wrong.add(PREFIX + "token-ttl must be positive and at most 10m");
        }
        if (properties.maxSpeakers() < 1) {
            wrong.add(PREFIX + "max-speakers must be at least 1");
        }
        if (properties.maxParticipants() < 2) {
            wrong.add(PREFIX + "max-participants must be at least 2");
        } else if (properties.maxSpeakers() > properties.maxParticipants()) {
            wrong.add(PREFIX + "max-speakers must not exceed max-participants");
        }
        if (missing.isEmpty() && wrong.isEmpty()) {
            return;
        }
        List<String> said = new ArrayList<>();
        if (!missing.isEmpty()) {
            said.add("missing " + String.join(", ", missing));
        }
        said.addAll(wrong);
        throw new StartupFailure("Janus is configured (" + PREFIX + "url is set) but its settings are incomplete or wrong: "
                + String.join("; ", said) + ".",
                "Set " + PREFIX + "url (the Janus HTTP API, e.g. http://10.0.0.2:8088/janus) and " + PREFIX
                        + "api-secret (the secret Janus runs with: ops/janus/run-janus.sh JANUS_API_SECRET), or remove "
                        + PREFIX + "url to turn the Janus adapter off.", null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void positive(Duration value, String key, List<String> wrong) {
        if (value == null || value.isNegative() || value.isZero()) {
            wrong.add(PREFIX + key + " must be positive");
        }
    }
}
