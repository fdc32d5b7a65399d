package dev.tribune.media.provider.janus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Janus settings. The adapter is active when {@code url} is set; {@link JanusConfiguration} checks the rest (no bean
 * validation here: the properties scan binds this record where Janus is not configured too).
 *
 * @param url             the Janus HTTP API base, {@code http://10.0.0.2:8088/janus}; browsers never see it
 * @param apiSecret       Janus's {@code api_secret} (run-janus.sh {@code JANUS_API_SECRET}); it also keys the grants
 * @param maxSpeakers     HOST, MODERATORs and SPEAKERs together; the VideoRoom's {@code publishers}
 * @param maxParticipants everyone in a room
 * @param connectTimeout  connecting to Janus
 * @param readTimeout     waiting for a synchronous Janus answer
 * @param keepalive       how often the backend session is kept alive (Janus drops it after 60 s of silence) and
 *                        checked: a Janus that lost it restarted, and its rooms are made again
 * @param tokenTtl        the lifetime of a grant's token (at most 10 minutes)
 */
@ConfigurationProperties("tribune.rtc.janus")
record JanusProperties(
        String url,
        String apiSecret,
        @DefaultValue("16") int maxSpeakers,
        @DefaultValue("500") int maxParticipants,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("25s") Duration keepalive,
        @DefaultValue("10m") Duration tokenTtl) {

    /** The API base without a trailing slash. */
    String base() {
        String base = url.strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
