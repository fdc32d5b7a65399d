package dev.tribune.media.provider.livekit;

import static dev.tribune.media.provider.livekit.LiveKitJson.bool;
import static dev.tribune.media.provider.livekit.LiveKitJson.field;
import static dev.tribune.media.provider.livekit.LiveKitJson.text;

import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * LiveKit (self-hosted or Cloud). The LiveKit room is named by the Tribune room id and each participant's identity
 * is the Tribune user id. Join tokens are minted here and say exactly what the holder may do: subscribe always,
 * publish the microphone only from the stage. Tokens cannot be taken back, so the RoomService brings a connected
 * participant in line with their current role (UpdateParticipant, which unpublishes what is no longer allowed, also
 * while they are force-muted) or disconnects them (RemoveParticipant); the outbox calls this again each time
 * LiveKit reports them (re)connecting or publishing.
 */
final class LiveKitRtcProvider implements RtcProvider, AutoCloseable {

    static final String NAME = "livekit";
    /** Not a room id: what {@link #probe} lists. */
    static final String PROBE_ROOM = "tribune-probe";
    /** The TrackSource a speaker may publish, as RoomService permissions spell it (the enum name). */
    static final String MICROPHONE_SOURCE = "MICROPHONE";
    private static final String[] TRACK_SOURCES = {"UNKNOWN", "CAMERA", "MICROPHONE", "SCREEN_SHARE", "SCREEN_SHARE_AUDIO"};

    private final LiveKitProperties properties;
    private final LiveKitTokens tokens;
    private final LiveKitRoomService rooms;
    private final LiveKitWebhooks webhooks;
    private final JsonMapper json;
    private final Clock clock;

    LiveKitRtcProvider(LiveKitProperties properties, LiveKitTokens tokens, LiveKitRoomService rooms, LiveKitWebhooks webhooks,
            JsonMapper json, Clock clock) {
        this.properties = properties;
        this.tokens = tokens;
        this.rooms = rooms;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, properties.maxSpeakers(), properties.maxParticipants());
    }

    @Override
    public String ensureRoom(UUID roomId) {
        String name = roomId.toString();
        JsonNode room = rooms.createRoom(name, properties.emptyTimeout().toSeconds(), properties.departureTimeout().toSeconds(),
                properties.maxParticipants());
        String created = text(room, "name");
        return created.isBlank() ? name : created;
    }

    @Override
    public MediaGrant grant(GrantRequest request) {
        String room = request.providerRoomId();
        LiveKitTokens.Minted minted = tokens.join(room, request.userId().toString(), request.displayName(), request.canPublish());
        return new MediaGrant(NAME, minted.token(), minted.expiresAt(), request.canPublish(),
                new LiveKitConnection(properties.url().strip(), room, "livekit-client"));
    }

    @Override
    public void reconcile(ProviderRoom providerRoom, UUID userId, ParticipantState state) {
        String room = providerRoom.providerRoomId();
        String identity = userId.toString();
        if (!state.present()) {
            // not_found: not connected (or the room is gone), which is what we want
            rooms.removeParticipant(room, identity, clock.instant().getEpochSecond());
            return;
        }
        Optional<JsonNode> participant = rooms.getParticipant(room, identity);
        if (participant.isEmpty()) {
            // not connected: their next connection is reported and brings them back here, and a new grant is
            // minted for their role at that time
            return;
        }
        // a forced mute withdraws publishing until a HOST or MODERATOR lifts it: MutePublishedTrack alone would let the
        // client unmute itself, and lifting the force gives publishing back without unmuting anyone
        ObjectNode wanted = permission(state.canPublish() && !state.forcedMute());
        if (!matches(field(participant.get(), "permission"), wanted)) {
            rooms.updateParticipant(room, identity, wanted);
        }
    }

    @Override
    public void endRoom(ProviderRoom room) {
        // false: LiveKit had already closed it (empty or departure timeout), which is the same end
        rooms.deleteRoom(room.providerRoomId());
    }

    /** ListRooms, filtered to a name no room has. */
    @Override
    public Probe probe() {
        rooms.listRooms(PROBE_ROOM);
        return Probe.reachable("ListRooms answered");
    }

    @Override
    public boolean receivesWebhooks() {
        return true;
    }

    @Override
    public List<ProviderReport> webhook(WebhookCall call) {
        return webhooks.translate(call);
    }

    /** On shutdown (Spring calls it for the bean). */
    @Override
    public void close() {
        rooms.close();
    }

    /**
     * The whole permission set: LiveKit's UpdateParticipant replaces every field of it (livekit/protocol
     * auth/grants.go {@code UpdateFromPermission}), so each is stated.
     */
    ObjectNode permission(boolean canPublish) {
        ObjectNode permission = json.createObjectNode()
                .put("can_subscribe", true)
                .put("can_publish", canPublish)
                .put("can_publish_data", false);
        var sources = permission.putArray("can_publish_sources");
        if (canPublish) {
            sources.add(MICROPHONE_SOURCE);
        }
        return permission
                .put("hidden", false)
                .put("recorder", false)
                .put("can_update_metadata", false)
                .put("agent", false)
                .put("can_subscribe_metrics", false)
                .put("can_manage_agent_session", false);
    }

    /** Whether LiveKit's {@code ParticipantPermission} already is the one wanted (missing fields read as false). */
    private static boolean matches(JsonNode current, ObjectNode wanted) {
        if (!current.isObject()) {
            return false;
        }
        for (var entry : wanted.properties()) {
            if (entry.getValue().isBoolean()) {
                if (bool(current, entry.getKey()) != entry.getValue().booleanValue()) {
                    return false;
                }
            }
        }
        List<String> sources = new ArrayList<>();
        JsonNode listed = field(current, "can_publish_sources");
        if (listed.isArray()) {
            for (JsonNode source : listed.values()) {
                sources.add(enumOf(source));
            }
        }
        List<String> wantedSources = new ArrayList<>();
        wanted.get("can_publish_sources").values().forEach(s -> wantedSources.add(s.stringValue()));
        return sources.equals(wantedSources);
    }

    private static String enumOf(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            int number = value.intValue();
            return number >= 0 && number < TRACK_SOURCES.length ? TRACK_SOURCES[number] : "";
        }
        return value.asString().strip().toUpperCase(Locale.ROOT);
    }
}
