package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Janus's sample event handler ({@code libjanus_sampleevh.so}, configured by ops/janus/run-janus.sh) posts to
 * {@code /api/v1/webhooks/janus}: batches of events (a JSON array, or one object when grouping is off), sent with
 * HTTP basic auth (user {@code janus}, password {@code tribune.rtc.janus.events-secret}), the only authentication
 * that handler has. Read (janus-gateway v1.1.2 src/events.c, src/ice.c, src/janus.c):
 * <ul>
 * <li>WebRTC events (type 16) {@code {"connection": "webrtcup"}}: a PeerConnection of a relay session is up, so its
 * owner is connected at Janus; {@code {"connection": "hangup"}}: it is down, and its owner is gone at Janus if it was
 * their last one up ({@link JanusPeers});</li>
 * <li>session events (type 1) {@code destroyed} / {@code timeout}: every PeerConnection of the session is down;</li>
 * <li>core events (type 256) {@code status started / shutdown}: Janus (re)started or is stopping, nothing is up.</li>
 * </ul>
 * Events carry Janus's wall-clock time in microseconds ({@code timestamp}), which the reports carry on. The rest
 * (ICE and DTLS states, handles, plugin events) is left out: a participant's presence is whether media can flow.
 */
final class JanusEvents {

    private static final Logger log = LoggerFactory.getLogger(JanusEvents.class);

    static final String USER = "janus";
    static final int SESSION = 1;
    static final int WEBRTC = 16;
    static final int CORE = 256;

    private final byte[] expected;
    private final Supplier<JanusPeers> peers;
    private final JsonMapper json;

    JanusEvents(String secret, Supplier<JanusPeers> peers, JsonMapper json) {
        this.expected = sha256(USER + ":" + secret);
        this.peers = peers;
        this.json = json;
    }

    /** Checks the credentials, then turns the batch into reports about the relay's sessions' owners. */
    List<ProviderReport> read(WebhookCall call) {
        authenticate(call.header("authorization"));
        JsonNode batch;
        try {
            batch = json.readTree(call.body());
        } catch (JacksonException e) {
            // answered 200 all the same: the handler does not resend what we could not read
            log.warn("Janus event batch is not JSON: {}", e.getOriginalMessage());
            return List.of();
        }
        List<ProviderReport> reports = new ArrayList<>();
        for (JsonNode event : batch.isArray() ? batch.values() : List.of(batch)) {
            read(event, reports);
        }
        return reports;
    }

    private void read(JsonNode event, List<ProviderReport> reports) {
        Instant at = micros(event.path("timestamp").asLong(0L));
        JsonNode body = event.path("event");
        long session = event.path("session_id").asLong(0L);
        switch (event.path("type").asInt(0)) {
            case WEBRTC -> {
                long handle = event.path("handle_id").asLong(0L);
                switch (body.path("connection").asString("")) {
                    case "webrtcup" -> peers.get().up(session, handle, at)
                            .ifPresent(o -> reports.add(new ProviderReport.ParticipantConnected(o.roomId(), o.userId(), at)));
                    case "hangup" -> gone(peers.get().down(handle), at, reports);
                    default -> {
                        // ICE, DTLS, candidates: the PeerConnection's way up, not whether it is
                    }
                }
            }
            case SESSION -> {
                String name = body.path("name").asString("");
                if ("destroyed".equals(name) || "timeout".equals(name)) {
                    gone(peers.get().sessionGone(session), at, reports);
                }
            }
            case CORE -> {
                String status = body.path("status").asString("").toLowerCase(Locale.ROOT);
                if ("started".equals(status) || "shutdown".equals(status)) {
                    gone(peers.get().allGone(), at, reports);
                }
            }
            default -> {
                // not subscribed to (run-janus.sh asks for sessions, webrtc and core only)
            }
        }
    }

    private static void gone(List<JanusSessions.Owner> owners, Instant at, List<ProviderReport> reports) {
        owners.forEach(o -> reports.add(new ProviderReport.ParticipantDisconnected(o.roomId(), o.userId(), at)));
    }

    /** HTTP basic auth, compared in constant time (digests of equal length, whatever was sent). */
    private void authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new WebhookRejected("Janus event batch without basic auth");
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected("Janus event batch with unreadable basic auth");
        }
        if (!MessageDigest.isEqual(expected, sha256(credentials))) {
            throw new WebhookRejected("Janus event batch with the wrong credentials");
        }
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
