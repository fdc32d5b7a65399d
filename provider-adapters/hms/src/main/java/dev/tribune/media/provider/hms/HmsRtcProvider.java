package dev.tribune.media.provider.hms;

import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.ProviderMisconfigured;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookUrls;
import dev.tribune.media.spi.ProviderReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * 100ms (server API v2). A Tribune room is a 100ms room named after the Tribune room id, on the configured template;
 * HOST, MODERATORs and SPEAKERs join in the speaker role (may publish audio), the audience in the listener role (may
 * publish nothing). Publishing is granted and taken back live by changing a connected peer's role; a forced mute does
 * the same (100ms' REST API has no server-side track mute), and removal disconnects the peer.
 *
 * <p>ensureRoom, reconcile and endRoom are idempotent and never retry by themselves (see {@link HmsApi} for the one
 * 401 exception); grant and webhook are local.
 */
class HmsRtcProvider implements RtcProvider {

    static final String NAME = "hms";
    /** The browser SDK the connection details are for. */
    static final String SDK = "@100mslive/hms-video-store";

    private final HmsProperties properties;
    private final HmsApi api;
    private final HmsTokens tokens;
    private final HmsWebhooks webhooks;
    private final WebhookUrls webhookUrls;
    private volatile boolean templateChecked;

    HmsRtcProvider(HmsProperties properties, HmsApi api, HmsTokens tokens, WebhookUrls webhookUrls) {
        this.properties = properties;
        this.api = api;
        this.tokens = tokens;
        this.webhookUrls = webhookUrls;
        this.webhooks = new HmsWebhooks(properties.webhookHeader(), properties.webhookSecret(), properties.speakerRole());
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Server-side mute: yes, as a role change (a forced-muted speaker is moved to the listener role, and back when it
     * is lifted). Live permission change: yes, the same role change. 100ms caps a standard room at 2,500 peers; it has
     * no cap on publishers, 50 is Tribune's own limit for a panel (every listener receives each speaker's track).
     */
    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, 50, 2500);
    }

    @Override
    public String ensureRoom(UUID roomId) {
        if (!templateChecked) {
            checkTemplate();
        }
        Map<String, Object> webhook = Map.of(
                "url", webhookUrls.forProvider(NAME),
                "headers", Map.of(properties.webhookHeader(), properties.webhookSecret()));
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("name", roomId.toString());
        create.put("template_id", properties.templateId());
        create.put("webhook", webhook);
        // an existing name answers with that room (updated to this configuration): the call is idempotent
        JsonNode room = api.post("/rooms", create)
                .orElseThrow(() -> new IllegalStateException("100ms answered 404 to POST /rooms"));
        String id = room.path("id").asString("");
        if (id.isBlank()) {
            throw new IllegalStateException("100ms created room " + roomId + " but its answer carries no id");
        }
        if (!room.path("enabled").asBoolean(true)) {
            // disabled by an earlier endRoom (lock) or by hand: nobody could join it
            api.post("/rooms/{id}", Map.of("enabled", true), id)
                    .orElseThrow(() -> new IllegalStateException("100ms room " + id + " vanished while being enabled"));
        }
        return id;
    }

    /**
     * The template must give the listener role no publishing at all and the speaker role audio: Tribune's guarantee
     * that the audience cannot be heard rests on it. Checked by every {@link #probe} (at start-up, where a template that
     * fails stops the service, and then every probe interval), and before a room is made unless the last check passed;
     * a template that fails is {@link ProviderMisconfigured} until it is fixed.
     */
    private void checkTemplate() {
        templateChecked = false;
        String templateId = properties.templateId();
        JsonNode template = api.get("/templates/{id}", templateId).orElseThrow(() -> new ProviderMisconfigured(
                "100ms has no template " + templateId + ": fix tribune.rtc.hms.template-id (or tribune.rtc.hms.base-url, if it is not "
                        + "100ms' API)"));
        JsonNode roles = template.path("roles");
        JsonNode listener = roles.path(properties.listenerRole());
        JsonNode speaker = roles.path(properties.speakerRole());
        if (!listener.isObject()) {
            throw new ProviderMisconfigured("100ms template " + templateId + " has no role '" + properties.listenerRole()
                    + "' (tribune.rtc.hms.listener-role): add it, allowed to publish nothing");
        }
        if (!speaker.isObject()) {
            throw new ProviderMisconfigured("100ms template " + templateId + " has no role '" + properties.speakerRole()
                    + "' (tribune.rtc.hms.speaker-role): add it, allowed to publish audio");
        }
        List<String> listenerMay = allowed(listener);
        if (!listenerMay.isEmpty()) {
            throw new ProviderMisconfigured("100ms template " + templateId + ": role '" + properties.listenerRole()
                    + "' may publish " + listenerMay + "; the audience must not be heard. Fix that role: publishParams.allowed = []");
        }
        if (!allowed(speaker).contains("audio")) {
            throw new ProviderMisconfigured("100ms template " + templateId + ": role '" + properties.speakerRole()
                    + "' may not publish audio. Fix that role: publishParams.allowed must include \"audio\"");
        }
        templateChecked = true;
    }

    private static List<String> allowed(JsonNode role) {
        List<String> allowed = new ArrayList<>();
        role.path("publishParams").path("allowed").values().forEach(v -> allowed.add(v.asString("")));
        return allowed;
    }

    @Override
    public MediaGrant grant(GrantRequest request) {
        String role = request.canPublish() ? properties.speakerRole() : properties.listenerRole();
        HmsTokens.AppToken token = tokens.app(request.providerRoomId(), request.userId().toString(), role);
        String userName = request.displayName() == null ? request.userId().toString() : request.displayName();
        return new MediaGrant(NAME, token.token(), token.expiresAt(), request.canPublish(),
                new HmsConnection(request.providerRoomId(), role, SDK, userName));
    }

    /**
     * Lists the user's peers in the room's live session (a user may be connected more than once, from two tabs) and
     * brings each in line: removed when they are no longer in the room, otherwise moved to the role Tribune says. No
     * live session, or no peer, is nothing to do.
     */
    @Override
    public void reconcile(ProviderRoom room, UUID userId, ParticipantState state) {
        Optional<JsonNode> listed = api.get("/active-rooms/{room}/peers?user_id={user}", room.providerRoomId(), userId.toString());
        if (listed.isEmpty()) {
            return;
        }
        String desired = state.canPublish() && !state.forcedMute() ? properties.speakerRole() : properties.listenerRole();
        for (JsonNode peer : listed.get().path("peers").values()) {
            String peerId = peer.path("id").asString("");
            if (peerId.isBlank() || !userId.toString().equalsIgnoreCase(peer.path("user_id").asString(""))) {
                continue;
            }
            if (!state.present()) {
                // a 404 here: the peer left meanwhile, which is what we wanted
                api.post("/active-rooms/{room}/remove-peers", Map.of("peer_id", peerId, "reason", "You are no longer in this room."),
                        room.providerRoomId());
            } else if (!desired.equals(peer.path("role").asString(""))) {
                api.post("/active-rooms/{room}/peers/{peer}", Map.of("role", desired), room.providerRoomId(), peerId);
            }
        }
    }

    /**
     * Ends the live session and locks the room (lock: the room is disabled, so a token still in someone's hands joins
     * nothing). With no live session 100ms answers 404 and locks nothing, so the room is then disabled directly.
     */
    @Override
    public void endRoom(ProviderRoom room) {
        Optional<JsonNode> ended = api.post("/active-rooms/{room}/end-room", Map.of("reason", "The room has ended.", "lock", true),
                room.providerRoomId());
        if (ended.isEmpty()) {
            // no live session; 404 here means the room itself is gone, which is as ended as it gets
            api.post("/rooms/{id}", Map.of("enabled", false), room.providerRoomId());
        }
    }

    /**
     * The template (GET /v2/templates/{id}, "Retrieve a template"): one authenticated read that checks the credentials
     * and what the audience's silence rests on. A refused management token, a missing template or role, or a listener
     * role that may publish is {@link ProviderMisconfigured}.
     */
    @Override
    public Probe probe() {
        checkTemplate();
        return Probe.reachable("template " + properties.templateId() + " has roles '" + properties.speakerRole() + "' (audio) and '"
                + properties.listenerRole() + "' (publishes nothing)");
    }

    @Override
    public boolean receivesWebhooks() {
        return true;
    }

    @Override
    public List<ProviderReport> webhook(WebhookCall call) {
        return webhooks.translate(call);
    }

    /** Called by Spring when the context closes (an inferred destroy method). */
    public void close() {
        api.close();
    }
}
