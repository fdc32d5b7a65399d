package dev.tribune.media.provider.twilio;

import com.twilio.security.RequestValidator;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms status callbacks (https://www.twilio.com/docs/video/api/status-callbacks): form-encoded POSTs signed with
 * {@code X-Twilio-Signature} = base64(HMAC-SHA1(auth token, URL + each parameter name and value, sorted by name)).
 * Checked with twilio-java's {@link RequestValidator} over the URL Twilio called ({@code tribune.public-url} + path)
 * before anything in the body is read.
 *
 * <p>{@code RoomName} is the room's UniqueName (the Tribune room id), {@code ParticipantIdentity} the Tribune user id;
 * a callback naming anything else says nothing about Tribune and yields no report. {@code at} is Twilio's
 * {@code Timestamp} (ISO 8601, UTC): {@code SequenceNumber} is documented as no ordering guarantee, and a replayed or
 * late callback keeps its original time, so the core can tell it is stale.
 */
class TwilioStatusCallbacks {

    private static final Logger log = LoggerFactory.getLogger(TwilioStatusCallbacks.class);

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;

    TwilioStatusCallbacks(String authToken) {
        this.validator = new RequestValidator(authToken);
    }

    List<ProviderReport> translate(WebhookCall call) {
        String signature = call.header(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected("The callback carries no " + SIGNATURE_HEADER + " header.");
        }
        if (call.formParams().isEmpty() && call.body().length > 0) {
            // Twilio's room callbacks are always form-encoded; the signature covers form parameters only
            throw new WebhookRejected("A Twilio status callback must be form-encoded.");
        }
        if (!validator.validate(call.url(), call.formParams(), signature)) {
            throw new WebhookRejected("The " + SIGNATURE_HEADER + " does not match the callback (URL " + call.url() + ").");
        }
        return report(call.formParams()).map(List::of).orElse(List.of());
    }

    private Optional<ProviderReport> report(Map<String, String> params) {
        String event = params.getOrDefault("StatusCallbackEvent", "");
        Optional<UUID> room = uuid(params.get("RoomName"));
        Optional<Instant> at = instant(params.get("Timestamp"));
        if (room.isEmpty() || at.isEmpty()) {
            log.debug("Twilio callback {} about room '{}' at '{}' says nothing about a Tribune room", event, params.get("RoomName"),
                    params.get("Timestamp"));
            return Optional.empty();
        }
        Optional<UUID> user = uuid(params.get("ParticipantIdentity"));
        return switch (event) {
            case "participant-connected" -> user.map(u -> new ProviderReport.ParticipantConnected(room.get(), u, at.get()));
            case "participant-disconnected" -> user.map(u -> new ProviderReport.ParticipantDisconnected(room.get(), u, at.get()));
            // a track published, or a published track unpaused: either way this participant is now sending media
            case "track-added", "track-enabled" -> mediaKind(params.get("TrackKind"))
                    .flatMap(kind -> user.map(u -> new ProviderReport.TrackPublished(room.get(), u, kind, at.get())));
            case "room-ended" -> Optional.of(new ProviderReport.RoomClosed(room.get(), at.get()));
            // room-created, track-removed, track-disabled, recording-*: nothing the core acts on
            default -> Optional.empty();
        };
    }

    /** Audio and video carry media; data tracks do not and are left out. */
    private static Optional<String> mediaKind(String trackKind) {
        String kind = trackKind == null ? "" : trackKind.toLowerCase(Locale.ROOT);
        return "audio".equals(kind) || "video".equals(kind) ? Optional.of(kind) : Optional.empty();
    }

    /** A Tribune id (room or user) in Twilio's names: only the canonical form of a UUID is one of ours. */
    static Optional<UUID> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(value);
            // UUID.fromString accepts shortened forms ("1-2-3-4-5"); only the canonical form is one of ours
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
