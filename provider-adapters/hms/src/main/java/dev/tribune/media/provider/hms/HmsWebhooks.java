package dev.tribune.media.provider.hms;

import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 100ms callbacks. 100ms signs nothing: each room is created with a webhook whose headers include our secret, which
 * 100ms sends back as-is, so the check is that header, compared in constant time. What the events say is translated
 * into reports about Tribune rooms (the 100ms room name is the Tribune room id) and users (the token's user_id is the
 * Tribune user id); anything else is left out.
 *
 * <p>Envelope: {@code {version, id, app_id, account_id, template_id, timestamp, type, data}}; times are RFC 3339 in
 * UTC (the envelope's to the second, data's to the nanosecond). Each report carries the event's own time, so the
 * core can drop retried and reordered callbacks.
 */
class HmsWebhooks {

    private static final Logger log = LoggerFactory.getLogger(HmsWebhooks.class);

    private final String header;
    private final byte[] secret;
    private final String speakerRole;
    private final JsonMapper json = JsonMapper.builder().build();

    HmsWebhooks(String header, String secret, String speakerRole) {
        this.header = header;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.speakerRole = speakerRole;
    }

    List<ProviderReport> translate(WebhookCall call) {
        String presented = call.header(header);
        if (presented == null) {
            throw new WebhookRejected("100ms callback without the " + header + " header");
        }
        if (!MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejected("100ms callback with a wrong " + header + " header");
        }
        JsonNode event;
        try {
            event = json.readTree(call.body());
        } catch (JacksonException e) {
            // authenticated but unreadable: answering 200 stops 100ms' retries of something we can never read
            log.warn("Ignoring a 100ms callback whose body is not JSON");
            return List.of();
        }
        String type = text(event, "type");
        JsonNode data = event.path("data");
        Optional<Instant> sent = time(event, "timestamp");
        Optional<UUID> room = uuid(data, "room_name");
        if (type == null || room.isEmpty()) {
            return List.of();
        }
        return switch (type) {
            case "peer.join.success" -> peer(data, room.get(), time(data, "joined_at").or(() -> sent))
                    .<ProviderReport>map(p -> new ProviderReport.ParticipantConnected(p.room(), p.user(), p.at()))
                    .stream().toList();
            case "peer.leave.success" -> peer(data, room.get(), time(data, "left_at").or(() -> sent))
                    .<ProviderReport>map(p -> new ProviderReport.ParticipantDisconnected(p.room(), p.user(), p.at()))
                    .stream().toList();
            // a peer moved into the speaker role, by us or by a client SDK with changeRole: the core checks that they
            // may publish, and if not, the reconcile that follows puts them back
            case "role.change.success" -> speakerRole.equals(text(data, "role"))
                    ? peer(data, room.get(), time(data, "role_changed_at").or(() -> sent))
                            .<ProviderReport>map(p -> new ProviderReport.TrackPublished(p.room(), p.user(), "audio", p.at()))
                            .stream().toList()
                    : List.of();
            // ended and locked (by our endRoom, or by a peer allowed to end the room): the 100ms room is disabled and
            // nobody can join it until the next Tribune join enables it again (ensureRoom), so the core may forget it
            case "room.end.success" -> data.path("lock_room").asBoolean(false)
                    ? sent.<ProviderReport>map(at -> new ProviderReport.RoomClosed(room.get(), at)).stream().toList()
                    : List.of();
            // session.close.success, and room.end.success without a lock, are left out on purpose: the 100ms room lives
            // on and anyone with a grant (up to 10 minutes old) can open a new session in it at once. Were the core told
            // "closed" it would stop reconciling that room until the next join, and a speaker demoted meanwhile would
            // keep publishing. The peers' own peer.leave.success events already report everyone gone.
            default -> List.of();
        };
    }

    private record Peer(UUID room, UUID user, Instant at) {
    }

    private static Optional<Peer> peer(JsonNode data, UUID room, Optional<Instant> at) {
        Optional<UUID> user = uuid(data, "user_id");
        if (user.isEmpty() || at.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Peer(room, user.get(), at.get()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static Optional<UUID> uuid(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An RFC 3339 time; 100ms writes {@code 0001-01-01T00:00:00Z} for "none", which counts as absent. */
    private static Optional<Instant> time(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            return at.isAfter(Instant.EPOCH) ? Optional.of(at) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
