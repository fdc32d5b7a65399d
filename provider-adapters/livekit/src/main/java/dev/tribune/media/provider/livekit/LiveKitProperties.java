package dev.tribune.media.provider.livekit;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LiveKit settings. The adapter is active when {@code url} is set; {@link LiveKitConfiguration} then checks the rest
 * and stops start-up naming what is missing (no bean validation here: the properties scan binds this record even
 * where LiveKit is not configured).
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
@ConfigurationProperties("tribune.rtc.livekit")
record LiveKitProperties(
        String url,
        String apiKey,
        String apiSecret,
        String apiUrl,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("10m") Duration emptyTimeout,
        @DefaultValue("30s") Duration departureTimeout,
        @DefaultValue("50") int maxSpeakers,
        @DefaultValue("3000") int maxParticipants) {

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

    /** An absolute URL with one of the schemes and a host. */
    static boolean isUrl(String value, String... schemes) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            for (String scheme : schemes) {
                if (scheme.equalsIgnoreCase(uri.getScheme())) {
                    return true;
                }
            }
            return false;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
