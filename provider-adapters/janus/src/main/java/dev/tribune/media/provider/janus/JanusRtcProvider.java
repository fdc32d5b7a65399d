package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.IceServers;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.OpenProviderRooms;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Janus 1.1.2 with the VideoRoom plugin ({@code string_ids = true}): one VideoRoom per Tribune room, named by the
 * room id; a publisher's id is the user id. Browsers reach Janus only through the relay ({@link JanusRelay}), which
 * checks each publishing request against the participant's role at that moment; this class makes and ends the
 * rooms and takes back what a changed role no longer allows from someone already connected: {@code kick} a demoted
 * publisher, destroy a removed user's sessions, {@code moderate} a force-muted one.
 */
final class JanusRtcProvider implements RtcProvider {

    private static final Logger log = LoggerFactory.getLogger(JanusRtcProvider.class);

    static final String NAME = "janus";
    /** VideoRoom error codes (janus_videoroom.c v1.1.2). */
    static final int NO_SUCH_ROOM = 426;
    static final int ROOM_EXISTS = 427;
    static final int NO_SUCH_FEED = 428;
    /**
     * The publisher's audio m-line: the web client publishes one audio-only PeerConnection, so its only (first)
     * transceiver has mid "0" in every current browser. VideoRoom's {@code moderate} needs the mid.
     */
    static final String AUDIO_MID = "0";

    private final JanusProperties properties;
    private final JanusGateway gateway;
    private final JanusTokens tokens;
    private final Supplier<JanusSessions> sessions;
    private final Supplier<IceServers> iceServers;
    private final JanusEvents events;

    JanusRtcProvider(JanusProperties properties, JanusGateway gateway, JanusTokens tokens, Supplier<JanusSessions> sessions,
            Supplier<IceServers> iceServers) {
        this(properties, gateway, tokens, sessions, iceServers, null);
    }

    /** @param events what reads Janus's event handler's batches; null when none is configured */
    JanusRtcProvider(JanusProperties properties, JanusGateway gateway, JanusTokens tokens, Supplier<JanusSessions> sessions,
            Supplier<IceServers> iceServers, JanusEvents events) {
        this.properties = properties;
        this.gateway = gateway;
        this.tokens = tokens;
        this.sessions = sessions;
        this.iceServers = iceServers;
        this.events = events;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        // moderate silences a publisher at Janus; the relay checks the role at each publishing request
        return new Capabilities(true, true, properties.maxSpeakers(), properties.maxParticipants());
    }

    @Override
    public String ensureRoom(UUID roomId) {
        String room = roomId.toString();
        ObjectNode create = request("create", room)
                .put("description", "Tribune " + room)
                .put("publishers", properties.maxSpeakers())
                .put("audiocodec", "opus")
                .put("is_private", true);
        JsonNode data = gateway.videoroom(create);
        int code = code(data);
        if (code == 0 || code == ROOM_EXISTS) {
            return room;
        }
        throw failed("create", room, data);
    }

    @Override
    public void endRoom(ProviderRoom room) {
        JsonNode data = gateway.videoroom(request("destroy", room.providerRoomId()));
        int code = code(data);
        if (code != 0 && code != NO_SUCH_ROOM) {
            throw failed("destroy", room.providerRoomId(), data);
        }
    }

    @Override
    public void reconcile(ProviderRoom room, UUID userId, ParticipantState state) {
        String id = userId.toString();
        if (!state.present()) {
            // every session they made through the relay: their publisher and subscriber handles go with it
            JanusSessions known = sessions.get();
            for (long session : known.of(room.roomId(), userId)) {
                gateway.destroySession(session);
                known.forget(session);
            }
            return;
        }
        if (!state.canPublish()) {
            JsonNode data = gateway.videoroom(request("kick", room.providerRoomId()).put("id", id));
            int code = code(data);
            // not publishing (428) or no room any more (426): nothing to take back
            if (code != 0 && code != NO_SUCH_FEED && code != NO_SUCH_ROOM) {
                throw failed("kick", room.providerRoomId(), data);
            }
            return;
        }
        JsonNode data = gateway.videoroom(request("moderate", room.providerRoomId()).put("id", id).put("mid", AUDIO_MID)
                .put("mute", state.forcedMute()));
        int code = code(data);
        // not publishing (yet): their next publish is moderated when the relay sees it answered
        if (code != 0 && code != NO_SUCH_FEED && code != NO_SUCH_ROOM) {
            throw failed("moderate", room.providerRoomId(), data);
        }
    }

    /** With {@code events-secret} set: Janus's event handler posts PeerConnections going up and down (JanusEvents). */
    @Override
    public boolean receivesWebhooks() {
        return events != null;
    }

    @Override
    public List<ProviderReport> webhook(WebhookCall call) {
        if (events == null) {
            throw new WebhookRejected("no Janus event handler is configured (tribune.rtc.janus.events-secret)");
        }
        return events.read(call);
    }

    /**
     * Janus's {@code info} (answered without the secret): the VideoRoom plugin must be loaded, or no room can be made;
     * then VideoRoom {@code list} on the backend handle, which needs the API secret and a working session. A missing
     * plugin or a refused secret is misconfigured: waiting will not mend either.
     */
    @Override
    public Probe probe() {
        JsonNode info = gateway.post("", gateway.json().createObjectNode().put("janus", "info")
                .put("transaction", JanusGateway.transaction()));
        if (!info.path("plugins").has(JanusGateway.VIDEOROOM)) {
            return Probe.misconfigured("Janus at " + gateway.base() + " runs without the VideoRoom plugin (" + JanusGateway.VIDEOROOM
                    + "); load it (ops/janus), or point tribune.rtc.janus.url at a Janus that has it");
        }
        gateway.videoroom(gateway.json().createObjectNode().put("request", "list"));
        return Probe.reachable("Janus " + info.path("version_string").asString("") + ": VideoRoom list answered");
    }

    @Override
    public MediaGrant grant(GrantRequest request) {
        JanusTokens.Minted minted = tokens.mint(request.userId(), request.roomId());
        String room = request.providerRoomId() != null ? request.providerRoomId() : request.roomId().toString();
        IceServers ice = iceServers.get();
        return new MediaGrant(NAME, minted.token(), minted.expiresAt(), request.canPublish(), ice == null
                ? new JanusConnection(JanusRelay.PATH, room, List.of(), "all")
                : new JanusConnection(JanusRelay.PATH, room, ice.forUser(request.userId()), ice.transportPolicy()));
    }

    /** Makes the VideoRooms of the open Janus rooms again (after Janus restarted); each failure is logged. */
    void recreate(List<ProviderRoom> open) {
        int made = 0;
        for (ProviderRoom room : open) {
            try {
                ensureRoom(room.roomId());
                made++;
            } catch (RuntimeException e) {
                log.warn("Could not make the VideoRoom of room {} again: {}", room.roomId(), e.getMessage());
            }
        }
        if (!open.isEmpty()) {
            log.info("Janus rooms checked after a new backend session: {} of {} in place", made, open.size());
        }
    }

    void recreateOpenRooms(Supplier<OpenProviderRooms> rooms) {
        OpenProviderRooms providerRooms = rooms.get();
        if (providerRooms != null) {
            recreate(providerRooms.open(NAME));
        }
    }

    private ObjectNode request(String verb, String room) {
        return gateway.json().createObjectNode().put("request", verb).put("room", room);
    }

    private static int code(JsonNode data) {
        return data.path("error_code").asInt(0);
    }

    private static IllegalStateException failed(String verb, String room, JsonNode data) {
        return new IllegalStateException("Janus VideoRoom refused " + verb + " of room " + room + ": " + data.path("error_code").asInt()
                + " " + data.path("error").asString());
    }
}
