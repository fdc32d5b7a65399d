package dev.tribune.media.provider.livekit;

import static dev.tribune.media.provider.livekit.LiveKitJson.enumName;
import static dev.tribune.media.provider.livekit.LiveKitJson.field;
import static dev.tribune.media.provider.livekit.LiveKitJson.int64;
import static dev.tribune.media.provider.livekit.LiveKitJson.text;

import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.WebhookCall;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LiveKit's webhooks (protobufs/livekit_webhook.proto {@code WebhookEvent}), checked first and then translated.
 * Rooms are named by the Tribune room id and participants identified by the Tribune user id, so events about other
 * names are not Tribune's and say nothing. {@code createdAt} is LiveKit's time of the event, in whole seconds.
 */
final class LiveKitWebhooks {

    private static final Logger log = LoggerFactory.getLogger(LiveKitWebhooks.class);

    /** TrackType by number, for encoders that write enums as numbers; AUDIO is the zero value protojson leaves out. */
    private static final String[] TRACK_TYPES = {"AUDIO", "VIDEO", "DATA"};

    private final LiveKitTokens tokens;
    private final JsonMapper json;
    private final Clock clock;

    LiveKitWebhooks(LiveKitTokens tokens, JsonMapper json, Clock clock) {
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
    }

    List<ProviderReport> translate(WebhookCall call) {
        byte[] body = call.body();
        tokens.verifyWebhook(call.header("authorization"), body);
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JacksonException e) {
            // signed by LiveKit, so not an attack: a format this adapter does not know. Answer 200 so it is not retried.
            log.warn("A signed LiveKit webhook is not JSON; ignored: {}", e.getOriginalMessage());
            return List.of();
        }
        Optional<UUID> room = uuid(text(field(event, "room"), "name"));
        if (room.isEmpty()) {
            return List.of();
        }
        Instant at = at(event);
        Optional<UUID> user = uuid(text(field(event, "participant"), "identity"));
        return switch (text(event, "event")) {
            case "participant_joined" -> user.<List<ProviderReport>>map(
                    u -> List.of(new ProviderReport.ParticipantConnected(room.get(), u, at))).orElse(List.of());
            case "participant_left", "participant_connection_aborted" -> user.<List<ProviderReport>>map(
                    u -> List.of(new ProviderReport.ParticipantDisconnected(room.get(), u, at))).orElse(List.of());
            case "track_published" -> user.<List<ProviderReport>>map(
                    u -> List.of(new ProviderReport.TrackPublished(room.get(), u, kind(field(event, "track")), at))).orElse(List.of());
            case "room_finished" -> List.of(new ProviderReport.RoomClosed(room.get(), at));
            default -> List.of();
        };
    }

    /** LiveKit stamps events to the second; an event without a time (never seen) is taken as now. */
    private Instant at(JsonNode event) {
        long seconds = int64(event, "created_at");
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : clock.instant();
    }

    private static String kind(JsonNode track) {
        return enumName(track, "type", TRACK_TYPES).toLowerCase(Locale.ROOT);
    }

    private static Optional<UUID> uuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            // UUID.fromString accepts shortened forms; only the canonical spelling is a name Tribune gave
            return id.toString().equalsIgnoreCase(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
