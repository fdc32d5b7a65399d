package dev.tribune.media.provider.twilio;

import static dev.tribune.media.provider.twilio.TwilioCalls.twilio;
import static dev.tribune.media.provider.twilio.TwilioCalls.unlessGone;

import com.auth0.jwt.JWT;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VideoGrant;
import com.twilio.rest.video.v1.Room;
import com.twilio.rest.video.v1.room.Participant;
import com.twilio.rest.video.v1.room.participant.PublishedTrack;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookUrls;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio Programmable Video, group rooms. The vendor room's UniqueName is the Tribune room id and a participant's
 * identity is the Tribune user id; access tokens are minted locally; REST calls go through twilio-java's generated
 * resources over {@link TwilioHttpClient}.
 *
 * <p>Twilio tokens cannot say "listen only" and Twilio has no REST call to mute or unpublish a track, so the stage is
 * enforced on the receiving side: every participant subscribes to the panel's audio only ({@link TwilioPanelRules}),
 * and what anyone else publishes reaches nobody. Whoever is no longer in the room is disconnected; while the rules
 * cannot be written, a listener who publishes (or a force-muted speaker who unmutes) is disconnected as before, and
 * an honest client comes back with the fresh listener grant the core sends.
 */
class TwilioRtcProvider implements RtcProvider {

    private static final Logger log = LoggerFactory.getLogger(TwilioRtcProvider.class);

    static final String NAME = "twilio";
    /** Group rooms hold at most 50 participants (https://www.twilio.com/docs/video/programmable-video-limits). */
    static final int MAX_PARTICIPANTS = 50;
    /**
     * Not a documented group-room limit: Twilio capped published tracks at 16 in its large group rooms and reports
     * each room's {@code max_concurrent_published_tracks}; more voices at once is not a conversation anyway.
     */
    static final int MAX_SPEAKERS = 16;
    /** API.md: grants live at most 10 minutes. */
    static final int TOKEN_TTL_SECONDS = 600;

    /** 53113: "Room creation failed": the UniqueName is already taken by an in-progress room. */
    static final int ROOM_EXISTS = 53113;
    /** 53112: "Status is invalid or the Room is not in-progress" (we only ever send Status=completed). */
    static final int ROOM_NOT_IN_PROGRESS = 53112;
    /** 53118: "Room Completed Error": the operation cannot be done on a completed room. */
    static final int ROOM_COMPLETED = 53118;

    private final TwilioProperties settings;
    private final TwilioRestClient client;
    private final TwilioStatusCallbacks callbacks;
    private final WebhookUrls webhookUrls;
    private final TwilioPanelRules panelRules;

    TwilioRtcProvider(TwilioProperties settings, TwilioRestClient client, WebhookUrls webhookUrls, ParticipantStateSource states) {
        this.settings = settings;
        this.client = client;
        this.webhookUrls = webhookUrls;
        this.callbacks = new TwilioStatusCallbacks(settings.authToken());
        this.panelRules = new TwilioPanelRules(client, states);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        // no REST call mutes or unpublishes a track, and a token's rights are fixed until it expires
        return new Capabilities(false, false, MAX_SPEAKERS, MAX_PARTICIPANTS);
    }

    /** The in-progress room named after the Tribune room, made now if there is none. Returns its SID (RM...). */
    @Override
    public String ensureRoom(UUID roomId) {
        String name = roomId.toString();
        Optional<Room> current = inProgress(name);
        if (current.isPresent()) {
            return current.get().getSid();
        }
        try {
            Room created = twilio("creating room " + name, () -> Room.creator()
                    .setType(Room.RoomType.GROUP)
                    .setUniqueName(name)
                    .setStatusCallback(webhookUrls.forProvider(NAME))
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setMaxParticipants(MAX_PARTICIPANTS)
                    .create(client));
            return created.getSid();
        } catch (TwilioRefusal refusal) {
            if (!refusal.is(ROOM_EXISTS)) {
                throw refusal;
            }
            // another instance (or a join racing the outbox) made it a moment ago
            return inProgress(name).map(Room::getSid).orElseThrow(() -> new ProviderUnavailable(
                    "Twilio says room " + name + " exists but does not return it; try again.", refusal));
        }
    }

    private Optional<Room> inProgress(String name) {
        return unlessGone("fetching room " + name, () -> Room.fetcher(name).fetch(client))
                .filter(room -> room.getStatus() == Room.RoomStatus.IN_PROGRESS);
    }

    @Override
    public MediaGrant grant(GrantRequest request) {
        String room = request.roomId().toString();
        String token = new AccessToken.Builder(settings.accountSid(), settings.apiKeySid(), settings.apiKeySecret().getBytes(StandardCharsets.UTF_8))
                .identity(request.userId().toString())
                .ttl(TOKEN_TTL_SECONDS)
                .grant(new VideoGrant().setRoom(room))
                .build()
                .toJwt();
        // twilio-java sets exp from the system clock itself; the grant says exactly what Twilio will enforce
        Instant expiresAt = JWT.decode(token).getExpiresAtAsInstant();
        return new MediaGrant(NAME, token, expiresAt, request.canPublish(),
                new TwilioConnection("twilio-video", room, request.providerRoomId(), true, MAX_PARTICIPANTS));
    }

    /**
     * Lists the room's connected participants (one read), brings everyone's subscribe rules to the panel's audio,
     * and disconnects the user if they are no longer in the room. When the rules could not all be written, some
     * subscriber may still hear the user: then the user is checked as before the rules existed (any audio or video
     * published without the right to, an enabled audio track while force-muted: disconnected), and the failure is
     * thrown so the outbox tries the rules again.
     */
    @Override
    public void reconcile(ProviderRoom room, UUID userId, ParticipantState state) {
        String roomSid = room.providerRoomId();
        String identity = userId.toString();
        List<Participant> connected = unlessGone("listing the participants of room " + roomSid, () -> {
            List<Participant> found = new ArrayList<>();
            Participant.reader(roomSid).setStatus(Participant.Status.CONNECTED).read(client).forEach(found::add);
            return found;
        }).orElse(List.of());
        if (connected.isEmpty()) {
            return;
        }
        RuntimeException rulesFailed = null;
        try {
            panelRules.bringInLine(room, userId, state, connected);
        } catch (RuntimeException e) {
            rulesFailed = e;
        }
        for (Participant participant : connected) {
            if (!identity.equals(participant.getIdentity())) {
                continue;
            }
            if (!state.present()) {
                disconnect(roomSid, participant, "no longer in the room");
            } else if (rulesFailed != null && (!state.canPublish() || state.forcedMute())) {
                Optional<PublishedTrack> offending = offendingTrack(roomSid, participant, state);
                if (offending.isPresent()) {
                    disconnect(roomSid, participant, (state.canPublish() ? "force-muted but sending " : "not allowed to publish but sending ")
                            + offending.get().getKind() + " track " + offending.get().getSid() + ", and the subscribe rules could not be set");
                }
            }
        }
        if (rulesFailed != null) {
            throw rulesFailed;
        }
    }

    private Optional<PublishedTrack> offendingTrack(String roomSid, Participant participant, ParticipantState state) {
        List<PublishedTrack> tracks = unlessGone("listing tracks of " + participant.getSid(), () -> {
            List<PublishedTrack> found = new ArrayList<>();
            PublishedTrack.reader(roomSid, participant.getSid()).read(client).forEach(found::add);
            return found;
        }).orElse(List.of());
        return tracks.stream().filter(track -> state.canPublish()
                // a force-muted speaker may keep the track published, paused (the client disables it)
                ? track.getKind() == PublishedTrack.Kind.AUDIO && Boolean.TRUE.equals(track.getEnabled())
                // a listener may publish nothing that carries media, paused or not
                : track.getKind() == PublishedTrack.Kind.AUDIO || track.getKind() == PublishedTrack.Kind.VIDEO)
                .findFirst();
    }

    private void disconnect(String roomSid, Participant participant, String why) {
        log.info("Disconnecting {} ({}) from Twilio room {}: {}", participant.getIdentity(), participant.getSid(), roomSid, why);
        try {
            unlessGone("disconnecting " + participant.getSid(), () -> Participant.updater(roomSid, participant.getSid())
                    .setStatus(Participant.Status.DISCONNECTED).update(client));
        } catch (TwilioRefusal refusal) {
            if (!refusal.is(ROOM_COMPLETED)) {
                throw refusal;
            }
        }
    }

    @Override
    public void endRoom(ProviderRoom room) {
        String roomSid = room.providerRoomId();
        try {
            unlessGone("completing room " + roomSid, () -> Room.updater(roomSid, Room.RoomStatus.COMPLETED).update(client));
        } catch (TwilioRefusal refusal) {
            // completing a room that is no longer in progress: it has ended already
            if (!refusal.is(ROOM_NOT_IN_PROGRESS) && !refusal.is(ROOM_COMPLETED)) {
                throw refusal;
            }
        }
    }

    /**
     * The first page of the account's rooms, one room long: authenticated, so refused credentials (401, 403) are found
     * here, and said as misconfigured (the service does not start with them).
     */
    @Override
    public Probe probe() {
        try {
            twilio("listing rooms", () -> Room.reader().pageSize(1).firstPage(client));
        } catch (TwilioRefusal refusal) {
            Integer status = refusal.status();
            if (status != null && (status == 401 || status == 403)) {
                return Probe.misconfigured(refusal.getMessage());
            }
            throw refusal;
        }
        return Probe.reachable("listed rooms");
    }

    @Override
    public boolean receivesWebhooks() {
        return true;
    }

    @Override
    public List<ProviderReport> webhook(WebhookCall call) {
        return callbacks.translate(call);
    }
}
