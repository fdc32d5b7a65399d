package dev.tribune.media.provider.livekit;

import dev.tribune.media.spi.ProviderLimits.RoomCaps;
import dev.tribune.media.spi.ProviderLimits.Timeout;
import dev.tribune.media.spi.AbsoluteUrl;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * LiveKit settings. The adapter is active when {@code url} is set, and so are these settings: the condition keeps the
 * application's properties scan from binding (and validating) them where LiveKit is not configured. Room timeouts are
 * uint32 seconds at LiveKit.
 *
 * @param url              what browsers connect to, {@code wss://livekit.example.org} (ws:// for a local server)
 * @param apiKey           the API key: the {@code iss} of every token
 * @param apiSecret        the API secret the tokens are signed with (HS256)
 * @param apiUrl           the RoomService API; unset means the http(s) form of {@code url} (wss -> https, ws -> http)
 * @param connectTimeout   connecting to the API
 * @param readTimeout      waiting for an API answer
 * @param emptyTimeout     a LiveKit room nobody joins closes after this ({@code empty_timeout})
 * @param departureTimeout a LiveKit room closes this long after the last person left ({@code departure_timeout})
 * @param maxSpeakers      HOST, MODERATORs and SPEAKERs together
 * @param maxParticipants  everyone in a room; also the LiveKit room's {@code max_participants}
 */
@Validated
@ConditionalOnProperty(prefix = "tribune.rtc.livekit", name = "url")
@ConfigurationProperties("tribune.rtc.livekit")
record LiveKitProperties(
        @NotBlank @AbsoluteUrl(schemes = {"wss", "ws", "https", "http"}, message = "must be a wss:// (or ws://) URL") String url,
        @NotBlank String apiKey,
        @NotBlank String apiSecret,
        @AbsoluteUrl(message = "must be an https:// (or http://) URL") String apiUrl,
        @Timeout @DefaultValue("3s") Duration connectTimeout,
        @Timeout @DefaultValue("5s") Duration readTimeout,
        @NotNull @DurationMin(seconds = 1, message = ROOM_TIMEOUT) @DurationMax(seconds = 0xFFFF_FFFFL, message = ROOM_TIMEOUT)
        @DefaultValue("10m") Duration emptyTimeout,
        @NotNull @DurationMin(seconds = 1, message = ROOM_TIMEOUT) @DurationMax(seconds = 0xFFFF_FFFFL, message = ROOM_TIMEOUT)
        @DefaultValue("30s") Duration departureTimeout,
        @Min(1) @DefaultValue("50") int maxSpeakers,
        @Min(2) @DefaultValue("3000") int maxParticipants) implements RoomCaps {

    static final String ROOM_TIMEOUT = "must be between 1s and 4294967295s";

    /** The RoomService base URL, without a trailing slash. */
    String apiBase() {
        String base = apiUrl == null || apiUrl.isBlank() ? httpFormOf(url.strip()) : apiUrl.strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String httpFormOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("wss://")) {
            return "https://" + url.substring("wss://".length());
        }
        if (lower.startsWith("ws://")) {
            return "http://" + url.substring("ws://".length());
        }
        return url;
    }
}
