package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.ProviderLimits.GrantLifetime;
import dev.tribune.media.spi.ProviderLimits.RoomCaps;
import dev.tribune.media.spi.ProviderLimits.Timeout;
import dev.tribune.media.spi.AbsoluteUrl;
import dev.tribune.media.spi.MinBytes;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Janus settings. The adapter is active when {@code url} is set, and so are these settings: the condition keeps the
 * application's properties scan from binding (and validating) them where Janus is not configured.
 *
 * @param url             the Janus HTTP API base, {@code http://10.0.0.2:8088/janus}; browsers never see it
 * @param apiSecret       Janus's {@code api_secret} (run-janus.sh {@code JANUS_API_SECRET}); it also keys the relay's
 *                        tokens, hence its length
 * @param maxSpeakers     HOST, MODERATORs and SPEAKERs together; the VideoRoom's {@code publishers}
 * @param maxParticipants everyone in a room
 * @param connectTimeout  connecting to Janus
 * @param readTimeout     waiting for a synchronous Janus answer
 * @param keepalive       how often the backend session is kept alive (Janus drops it after 60 s of silence) and
 *                        checked: a Janus that lost it restarted, and its rooms are made again
 * @param tokenTtl        the lifetime of a grant's token (at most 10 minutes)
 * @param eventsSecret    the password Janus's event handler sends (HTTP basic auth, user {@code janus}) with the events
 *                        it posts to {@code /api/v1/webhooks/janus} (run-janus.sh {@code JANUS_EVENTS_SECRET}); unset:
 *                        that route does not exist and presence in Janus rooms rests on the event socket alone
 */
@Validated
@ConditionalOnProperty(prefix = "tribune.rtc.janus", name = "url")
@ConfigurationProperties("tribune.rtc.janus")
record JanusProperties(
        @NotBlank @AbsoluteUrl(message = "must be the Janus HTTP API base, http(s)://host:port/janus") String url,
        @NotBlank @MinBytes(32) String apiSecret,
        @Min(1) @DefaultValue("16") int maxSpeakers,
        @Min(2) @DefaultValue("500") int maxParticipants,
        @Timeout @DefaultValue("3s") Duration connectTimeout,
        @Timeout @DefaultValue("5s") Duration readTimeout,
        @Timeout @DurationMax(seconds = 50, message = "must be well under Janus's session_timeout of 60s")
        @DefaultValue("25s") Duration keepalive,
        @GrantLifetime @DefaultValue("10m") Duration tokenTtl,
        @MinBytes(32) String eventsSecret) implements RoomCaps {

    boolean receivesEvents() {
        return eventsSecret != null && !eventsSecret.isBlank();
    }

    /** The API base without a trailing slash. */
    String base() {
        String base = url.strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
