package dev.tribune.media.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SECRET;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.ROOM_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.error;
import static dev.tribune.media.provider.twilio.TwilioFixtures.page;
import static dev.tribune.media.provider.twilio.TwilioFixtures.participant;
import static dev.tribune.media.provider.twilio.TwilioFixtures.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.media.spi.WebhookUrls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio keeps the audience silent at the vendor: after every stage change, every connected participant's subscribe
 * rules (as the request journal shows them, written to a stand-in that refuses what Twilio refuses) name the audio of
 * exactly the people on the panel. Who is on the panel is what the core's {@link ParticipantStateSource} answers,
 * held here in a map; the same path through the real core is {@code TwilioRoomLifecycleTest}.
 */
class TwilioPanelRulesTest {

    static final TwilioSubscribeRulesStandIn rulesStandIn = new TwilioSubscribeRulesStandIn();
    static final WireMockServer twilio = new WireMockServer(options().dynamicPort().extensions(rulesStandIn));

    static final ParticipantState LISTENER = new ParticipantState(true, false, false);
    static final ParticipantState ON_PANEL = new ParticipantState(true, true, false);
    static final ParticipantState FORCE_MUTED = new ParticipantState(true, true, true);
    static final ParticipantState GONE = new ParticipantState(false, false, false);

    final ObjectMapper json = new ObjectMapper();
    final ProviderRoom room = new ProviderRoom(UUID.randomUUID(), ROOM_SID);
    /** The core's record of the room: absent unless said otherwise. */
    final Map<UUID, ParticipantState> seats = new HashMap<>();
    final Set<UUID> connected = new LinkedHashSet<>();
    TwilioRtcProvider provider;

    @BeforeAll
    static void start() {
        twilio.start();
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    @BeforeEach
    void fresh() {
        twilio.resetAll();
        rulesStandIn.forget();
        twilio.stubFor(get(urlPathMatching(participants() + "/PA[0-9a-f]{32}/SubscribeRules")).withBasicAuth(API_KEY_SID, API_KEY_SECRET)
                .willReturn(aResponse().withTransformers(TwilioSubscribeRulesStandIn.NAME)));
        twilio.stubFor(post(urlPathMatching(participants() + "/PA[0-9a-f]{32}/SubscribeRules")).withBasicAuth(API_KEY_SID, API_KEY_SECRET)
                .willReturn(aResponse().withTransformers(TwilioSubscribeRulesStandIn.NAME)));
        twilio.stubFor(post(urlPathMatching(participants() + "/PA[0-9a-f]{32}")).withFormParam("Status", equalTo("disconnected"))
                .willReturn(json(200, participant(ROOM_SID, sid(UUID.randomUUID()), "someone", "disconnected"))));
        twilio.stubFor(get(urlPathMatching(participants() + "/PA[0-9a-f]{32}/PublishedTracks"))
                .willReturn(json(200, page("published_tracks", "https://video.twilio.com/published"))));
        ParticipantStateSource core = (roomId, userId) -> roomId.equals(room.roomId()) ? seats.getOrDefault(userId, GONE) : GONE;
        provider = new TwilioConfiguration().twilioRtcProvider(TwilioFixtures.settings(twilio.baseUrl()),
                new WebhookUrls("https://tribune.example.test/"), core);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String participants() {
        return "/v1/Rooms/" + ROOM_SID + "/Participants";
    }

    /** Each user's participant SID at Twilio: PA and the user id's 32 hex digits. */
    static String sid(UUID user) {
        return "PA" + user.toString().replace("-", "");
    }

    /** The user is in the room at Twilio: the connected participants' list names them too. */
    void connect(UUID... users) {
        connected.addAll(Arrays.asList(users));
        String[] records = connected.stream().map(u -> participant(ROOM_SID, sid(u), u.toString(), "connected")).toArray(String[]::new);
        twilio.stubFor(get(urlPathEqualTo(participants())).withQueryParam("Status", equalTo("connected"))
                .willReturn(json(200, page("participants", "https://video.twilio.com" + participants(), records))));
    }

    /** The core changes someone's seat, and the outbox reconciles them. */
    void stage(UUID user, ParticipantState state) {
        seats.put(user, state);
        provider.reconcile(room, user, state);
    }

    /** Twilio lists an enabled audio track among what the user publishes. */
    void sendingAudio(UUID user) {
        twilio.stubFor(get(urlPathEqualTo(participants() + "/" + sid(user) + "/PublishedTracks")).willReturn(json(200,
                page("published_tracks", "https://video.twilio.com/published", track(ROOM_SID, sid(user), "MT0123456789abcdef0123456789abcdef", "audio", true)))));
    }

    List<LoggedRequest> ruleWrites(UUID subscriber) {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(participants() + "/" + sid(subscriber) + "/SubscribeRules"))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET)));
    }

    /** The rules last written for the subscriber (request journal), as the form parameter Rules holds them. */
    JsonNode lastRules(UUID subscriber) throws Exception {
        List<LoggedRequest> writes = ruleWrites(subscriber);
        assertThat(writes).as("rules written for " + subscriber).isNotEmpty();
        return json.readTree(writes.getLast().formParameters().get("Rules").firstValue());
    }

    /** Whose audio the subscriber's last rules let through; every rule an include of one publisher's audio. */
    Set<UUID> heardBy(UUID subscriber) throws Exception {
        Set<UUID> heard = new LinkedHashSet<>();
        for (JsonNode rule : lastRules(subscriber)) {
            if (rule.equals(json.readTree("{\"type\":\"exclude\",\"all\":true}"))) {
                continue;
            }
            assertThat(rule.get("type").asText()).isEqualTo("include");
            assertThat(rule.get("kind").asText()).isEqualTo("audio");
            assertThat(rule.has("all")).as("never all").isFalse();
            assertThat(rule.size()).isEqualTo(3);
            heard.add(UUID.fromString(rule.get("publisher").asText()));
        }
        return heard;
    }

    void everyoneConnectedHears(UUID... panel) throws Exception {
        for (UUID subscriber : connected) {
            assertThat(heardBy(subscriber)).as("what " + subscriber + " may hear").containsExactlyInAnyOrder(panel);
        }
    }

    int disconnects() {
        return twilio.findAll(postRequestedFor(urlPathMatching(participants() + "/PA[0-9a-f]{32}"))).size();
    }

    @Test
    void afterEveryStageChangeEveryoneConnectedHearsExactlyThePanel() throws Exception {
        UUID host = UUID.randomUUID();
        UUID moderator = UUID.randomUUID();
        UUID listener = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        seats.put(host, ON_PANEL);
        seats.put(moderator, ON_PANEL);
        seats.put(other, LISTENER);

        // connecting: the host and the moderator connected before; the listener's connection is reported
        connect(host, moderator, other, listener);
        stage(listener, LISTENER);
        everyoneConnectedHears(host, moderator);

        // promoted
        stage(listener, ON_PANEL);
        everyoneConnectedHears(host, moderator, listener);

        // demoted: nobody receives their audio any more, so nobody is cut off (they may still be sending)
        sendingAudio(listener);
        stage(listener, LISTENER);
        everyoneConnectedHears(host, moderator);
        assertThat(disconnects()).isZero();

        // the host force-mutes the moderator
        stage(moderator, FORCE_MUTED);
        everyoneConnectedHears(host);

        // the host leaves the stage to nobody: a subscriber then receives nothing at all
        stage(host, LISTENER);
        everyoneConnectedHears();
        assertThat(lastRules(other).toString()).isEqualTo("[{\"type\":\"exclude\",\"all\":true}]");

        // the moderator is unmuted, then removed: cut off at Twilio, and out of everyone's rules
        stage(moderator, ON_PANEL);
        everyoneConnectedHears(moderator);
        stage(moderator, GONE);
        twilio.verify(1, postRequestedFor(urlPathEqualTo(participants() + "/" + sid(moderator))).withFormParam("Status", equalTo("disconnected")));
        everyoneConnectedHears();
    }

    @Test
    void rulesThatAreAlreadyRightAreReadNotWrittenAgain() throws Exception {
        UUID host = UUID.randomUUID();
        UUID listener = UUID.randomUUID();
        seats.put(host, ON_PANEL);
        connect(host, listener);
        stage(listener, LISTENER);
        int written = ruleWrites(host).size() + ruleWrites(listener).size();

        // the outbox runs the same state again (a retry, another instance): Twilio's write quota is left alone
        stage(listener, LISTENER);

        assertThat(ruleWrites(host).size() + ruleWrites(listener).size()).isEqualTo(written);
        everyoneConnectedHears(host);
    }

    @Test
    void aSpeakerPromotedBeforeConnectingIsHeardFromTheirFirstMomentAndStaysIncluded() throws Exception {
        UUID host = UUID.randomUUID();
        UUID listener = UUID.randomUUID();
        UUID speaker = UUID.randomUUID();
        seats.put(host, ON_PANEL);
        connect(host, listener);
        stage(speaker, ON_PANEL);
        everyoneConnectedHears(host, speaker);

        // someone else's change later: the speaker, still not connected, is kept (the core says they are on the panel)
        UUID latecomer = UUID.randomUUID();
        connect(latecomer);
        stage(latecomer, LISTENER);
        everyoneConnectedHears(host, speaker);
    }

    @Test
    void aPanelBeyondTwilios20RulesIsCutToTwentyOfItsMembersAndNeverOpenedToEveryone() throws Exception {
        List<UUID> panel = IntStream.range(0, 22).mapToObj(i -> UUID.randomUUID()).toList();
        panel.forEach(speaker -> seats.put(speaker, ON_PANEL));
        UUID listener = UUID.randomUUID();
        List<UUID> everyone = new ArrayList<>(panel);
        everyone.add(listener);
        connect(everyone.toArray(UUID[]::new));

        stage(listener, LISTENER);

        for (UUID subscriber : connected) {
            Set<UUID> heard = heardBy(subscriber);
            assertThat(heard).hasSize(TwilioPanelRules.MAX_RULES).doesNotContain(listener);
            assertThat(panel).containsAll(heard);
        }
        // the stand-in refuses what Twilio refuses (more than 20 rules): every write was accepted
        assertThat(twilio.getAllServeEvents()).allSatisfy(event -> assertThat(event.getResponse().getStatus()).isLessThan(300));
    }

    @Test
    void whenRulesCannotBeWrittenAListenerWhoPublishesIsDisconnectedAndTheOutboxTriesAgain() throws Exception {
        UUID host = UUID.randomUUID();
        UUID speaker = UUID.randomUUID();
        UUID listener = UUID.randomUUID();
        seats.put(host, ON_PANEL);
        connect(host, speaker, listener);
        stage(speaker, ON_PANEL);
        everyoneConnectedHears(host, speaker);

        // Twilio fails the host's rules: the demoted speaker could still reach the host
        twilio.stubFor(post(urlPathEqualTo(participants() + "/" + sid(host) + "/SubscribeRules")).atPriority(1)
                .willReturn(json(503, error(503, 20503, "Service Unavailable"))));
        sendingAudio(speaker);
        seats.put(speaker, LISTENER);

        assertThatThrownBy(() -> provider.reconcile(room, speaker, LISTENER)).isInstanceOf(ProviderUnavailable.class);

        twilio.verify(1, postRequestedFor(urlPathEqualTo(participants() + "/" + sid(speaker))).withFormParam("Status", equalTo("disconnected")));
        assertThat(heardBy(listener)).as("the others' rules were still written").containsExactly(host);
        assertThat(heardBy(speaker)).containsExactly(host);
    }

    @Test
    void nobodyConnectedNeedsNoRules() {
        connect();
        stage(UUID.randomUUID(), ON_PANEL);
        twilio.verify(0, postRequestedFor(anyUrl()));
    }
}
