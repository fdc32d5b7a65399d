package dev.tribune.media;

import dev.tribune.media.spi.MediaConnection;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * A provider for tests that records what the reconciler asks of it, optionally slowly (a vendor under load), so
 * tests can see that the provider ends where the room is.
 */
@Component
public class RecordingRtcProvider implements RtcProvider {

    public record Call(UUID roomId, UUID userId, ParticipantState state) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final List<UUID> endedRooms = new CopyOnWriteArrayList<>();
    public final List<UUID> ensuredRooms = new CopyOnWriteArrayList<>();
    public volatile Duration delay = Duration.ZERO;
    /** A vendor outage: every call that would reach the vendor fails as unreachable. */
    public volatile boolean down;
    /** Every call that reached the vendor, failed or not. */
    public final AtomicInteger vendorCalls = new AtomicInteger();
    private final Clock clock;

    RecordingRtcProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, 50, 1000);
    }

    @Override
    public MediaGrant grant(GrantRequest request) {
        return new MediaGrant(name(), "token-for-" + request.userId(), clock.instant().plusSeconds(600), request.canPublish(), new Recorded());
    }

    @Override
    public String ensureRoom(UUID roomId) {
        vendorCalls.incrementAndGet();
        if (down) {
            throw new ProviderUnavailable("recording provider is down");
        }
        ensuredRooms.add(roomId);
        return "vendor-" + roomId;
    }

    @Override
    public void reconcile(ProviderRoom room, UUID userId, ParticipantState state) {
        // a vendor under load: the call takes this long
        LockSupport.parkNanos(delay.toNanos());
        vendorCalls.incrementAndGet();
        if (down) {
            throw new ProviderUnavailable("recording provider is down");
        }
        calls.add(new Call(room.roomId(), userId, state));
    }

    /** The outage shows in health too, as a real vendor's would: its probe cannot reach it. */
    @Override
    public Probe probe() {
        if (down) {
            throw new ProviderUnavailable("recording provider is down");
        }
        return Probe.reachable("recording provider is up");
    }

    @Override
    public void endRoom(ProviderRoom room) {
        endedRooms.add(room.roomId());
    }

    /** The signature this provider expects: hex HMAC-SHA256 of the body with {@link #WEBHOOK_SECRET}. */
    public static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final String WEBHOOK_SECRET = "recording-webhook-secret-recording-webhook";

    @Override
    public boolean receivesWebhooks() {
        return true;
    }

    /**
     * Callbacks are lines of "kind room user epochMillis" (kind: connected, disconnected, audio, closed), signed in
     * an {@code X-Recording-Signature} header.
     */
    @Override
    public List<ProviderReport> webhook(WebhookCall call) {
        String signature = call.header("X-Recording-Signature");
        if (signature == null || !MessageDigest.isEqual(signature.getBytes(), sign(call.bodyText()).getBytes())) {
            throw new WebhookRejected("bad signature");
        }
        return call.bodyText().lines().filter(l -> !l.isBlank()).map(line -> {
            String[] f = line.trim().split(" ");
            UUID room = UUID.fromString(f[1]);
            Instant at = Instant.ofEpochMilli(Long.parseLong(f[3]));
            return (ProviderReport) switch (f[0]) {
                case "connected" -> new ProviderReport.ParticipantConnected(room, UUID.fromString(f[2]), at);
                case "disconnected" -> new ProviderReport.ParticipantDisconnected(room, UUID.fromString(f[2]), at);
                case "audio" -> new ProviderReport.TrackPublished(room, UUID.fromString(f[2]), "audio", at);
                case "closed" -> new ProviderReport.RoomClosed(room, at);
                default -> throw new IllegalArgumentException(f[0]);
            };
        }).toList();
    }

    /** The grant's connection: this provider has none to give. */
    record Recorded() implements MediaConnection {
    }
}
