package dev.tribune.media.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SECRET;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.PARTICIPANT_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.ROOM_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.error;
import static dev.tribune.media.provider.twilio.TwilioFixtures.page;
import static dev.tribune.media.provider.twilio.TwilioFixtures.participant;
import static dev.tribune.media.provider.twilio.TwilioFixtures.room;
import static dev.tribune.media.provider.twilio.TwilioFixtures.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.media.spi.WebhookUrls;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The requests each operation sends to Twilio's Video REST API, against stubs that answer as Twilio documents:
 * HTTP Basic with the API key, form parameters in PascalCase, JSON in snake_case, 201 on create, Twilio's error JSON.
 * What every provider does (the speaker who is gone or force-muted disconnected, ending twice) is
 * TwilioProviderContractTest's, which checks the disconnect's shape too.
 */
class TwilioRestApiTest {

    static final TwilioSubscribeRulesStandIn rulesStandIn = new TwilioSubscribeRulesStandIn();
    static final WireMockServer twilio = new WireMockServer(options().dynamicPort().extensions(rulesStandIn));
    static final String CALLBACK = "https://tribune.example.test/api/v1/webhooks/twilio";

    final UUID roomId = UUID.randomUUID();
    final UUID userId = UUID.randomUUID();
    final ProviderRoom room = new ProviderRoom(roomId, ROOM_SID);
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
        provider = provider(TwilioFixtures.settings(twilio.baseUrl()));
    }

    static TwilioRtcProvider provider(TwilioProperties settings) {
        return new TwilioConfiguration().twilioRtcProvider(settings, new WebhookUrls("https://tribune.example.test/"), TwilioFixtures.NOBODY_ELSE);
    }

    /** Every stub and every check insists on the API key as HTTP Basic credentials. */
    static MappingBuilder authed(MappingBuilder request) {
        return request.withBasicAuth(API_KEY_SID, API_KEY_SECRET);
    }

    static RequestPatternBuilder authed(RequestPatternBuilder request) {
        return request.withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    String participantsUrl() {
        return "/v1/Rooms/" + ROOM_SID + "/Participants";
    }

    String tracksUrl() {
        return "/v1/Rooms/" + ROOM_SID + "/Participants/" + PARTICIPANT_SID + "/PublishedTracks";
    }

    String rulesUrl() {
        return participantsUrl() + "/" + PARTICIPANT_SID + "/SubscribeRules";
    }

    /** The user is the one connected participant; their subscribe rules are Twilio's (the stand-in's). */
    void userConnected() {
        twilio.stubFor(authed(get(urlPathEqualTo(participantsUrl())).withQueryParam("Status", equalTo("connected")))
                .willReturn(json(200, page("participants", "https://video.twilio.com" + participantsUrl(),
                        participant(ROOM_SID, PARTICIPANT_SID, userId.toString(), "connected")))));
        twilio.stubFor(authed(get(urlPathEqualTo(rulesUrl()))).willReturn(aResponse().withTransformers(TwilioSubscribeRulesStandIn.NAME)));
        twilio.stubFor(authed(post(urlPathEqualTo(rulesUrl()))).willReturn(aResponse().withTransformers(TwilioSubscribeRulesStandIn.NAME)));
    }

    String lastRules() {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(rulesUrl()))).getLast().formParameters().get("Rules").firstValue();
    }

    void userNotConnected() {
        twilio.stubFor(authed(get(urlPathEqualTo(participantsUrl())))
                .willReturn(json(200, page("participants", "https://video.twilio.com" + participantsUrl()))));
    }

    void publishing(String... tracks) {
        twilio.stubFor(authed(get(urlPathEqualTo(tracksUrl())))
                .willReturn(json(200, page("published_tracks", "https://video.twilio.com" + tracksUrl(), tracks))));
    }

    void disconnectAnswers(int status, String body) {
        twilio.stubFor(authed(post(urlEqualTo(participantsUrl() + "/" + PARTICIPANT_SID)).withFormParam("Status", equalTo("disconnected")))
                .willReturn(json(status, body)));
    }

    int disconnects() {
        return twilio.findAll(postRequestedFor(urlEqualTo(participantsUrl() + "/" + PARTICIPANT_SID))).size();
    }

    @Nested
    class EnsuringTheRoom {

        @Test
        void aMissingRoomIsCreatedAsAGroupRoomNamedAfterTheTribuneRoomAndItsSidReturned() {
            twilio.stubFor(authed(get(urlEqualTo("/v1/Rooms/" + roomId)))
                    .willReturn(json(404, error(404, 20404, "The requested resource /Rooms/" + roomId + " was not found"))));
            twilio.stubFor(authed(post(urlEqualTo("/v1/Rooms"))).willReturn(json(201, room(ROOM_SID, roomId.toString(), "in-progress"))));

            assertThat(provider.ensureRoom(roomId)).isEqualTo(ROOM_SID);

            twilio.verify(1, authed(getRequestedFor(urlEqualTo("/v1/Rooms/" + roomId))));
            twilio.verify(1, authed(postRequestedFor(urlEqualTo("/v1/Rooms")))
                    .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                    .withFormParam("Type", equalTo("group"))
                    .withFormParam("UniqueName", equalTo(roomId.toString()))
                    .withFormParam("StatusCallback", equalTo(CALLBACK))
                    .withFormParam("StatusCallbackMethod", equalTo("POST"))
                    .withFormParam("MaxParticipants", equalTo("50")));
            assertThat(twilio.findAll(postRequestedFor(urlEqualTo("/v1/Rooms"))).getFirst().getBodyAsString())
                    .as("nothing else is asked for: no legacy audio-only room, no recording")
                    .doesNotContain("AudioOnly").doesNotContain("Record");
        }

        @Test
        void anInProgressRoomOfThatNameIsReusedWithoutCreatingAnother() {
            twilio.stubFor(authed(get(urlEqualTo("/v1/Rooms/" + roomId))).willReturn(json(200, room(ROOM_SID, roomId.toString(), "in-progress"))));

            assertThat(provider.ensureRoom(roomId)).isEqualTo(ROOM_SID);
            twilio.verify(0, postRequestedFor(anyUrl()));
        }

        @Test
        void aCompletedRoomOfThatNameIsReplacedByANewOne() {
            String newSid = "RMfedcba9876543210fedcba9876543210";
            twilio.stubFor(authed(get(urlEqualTo("/v1/Rooms/" + roomId))).willReturn(json(200, room(ROOM_SID, roomId.toString(), "completed"))));
            twilio.stubFor(authed(post(urlEqualTo("/v1/Rooms"))).willReturn(json(201, room(newSid, roomId.toString(), "in-progress"))));

            assertThat(provider.ensureRoom(roomId)).isEqualTo(newSid);
        }

        @Test
        void aCreateThatLosesARaceFetchesTheRoomTheWinnerMade() {
            twilio.stubFor(authed(get(urlEqualTo("/v1/Rooms/" + roomId))).inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(json(404, error(404, 20404, "The requested resource was not found"))).willSetStateTo("made elsewhere"));
            twilio.stubFor(authed(post(urlEqualTo("/v1/Rooms")))
                    .willReturn(json(400, error(400, 53113, "Room exists"))));
            twilio.stubFor(authed(get(urlEqualTo("/v1/Rooms/" + roomId))).inScenario("race").whenScenarioStateIs("made elsewhere")
                    .willReturn(json(200, room(ROOM_SID, roomId.toString(), "in-progress"))));

            assertThat(provider.ensureRoom(roomId)).isEqualTo(ROOM_SID);
            twilio.verify(2, getRequestedFor(urlEqualTo("/v1/Rooms/" + roomId)));
        }
    }

    @Nested
    class Reconciling {

        @Test
        void someoneNotConnectedAtTwilioNeedsNothingMore() {
            userNotConnected();

            provider.reconcile(room, userId, new ParticipantState(false, false, false));

            twilio.verify(1, getRequestedFor(anyUrl()));
            twilio.verify(0, postRequestedFor(anyUrl()));
        }

        @Test
        void aConnectedSpeakerGetsRulesForTheirOwnAudioAndThenCostsReadsOnly() {
            userConnected();

            provider.reconcile(room, userId, new ParticipantState(true, true, false));
            provider.reconcile(room, userId, new ParticipantState(true, true, false));

            twilio.verify(1, authed(postRequestedFor(urlPathEqualTo(rulesUrl())))
                    .withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
            assertThat(lastRules()).isEqualTo("[{\"type\":\"include\",\"publisher\":\"" + userId + "\",\"kind\":\"audio\"}]");
            twilio.verify(2, getRequestedFor(urlPathEqualTo(participantsUrl())));
            assertThat(disconnects()).isZero();
        }

        @Test
        void aListenerPublishingAudioStaysConnectedBecauseNobodySubscribesToIt() {
            userConnected();
            publishing(track(ROOM_SID, PARTICIPANT_SID, "MT0123456789abcdef0123456789abcdef", "audio", true));

            provider.reconcile(room, userId, new ParticipantState(true, false, false));

            assertThat(lastRules()).as("nobody on the panel: nothing received").isEqualTo("[{\"type\":\"exclude\",\"all\":true}]");
            twilio.verify(0, getRequestedFor(urlPathEqualTo(tracksUrl())));
            assertThat(disconnects()).isZero();
        }

        @Test
        void whenTheRulesAreRefusedAListenerPublishingAudioIsDisconnected() {
            userConnected();
            twilio.stubFor(authed(post(urlPathEqualTo(rulesUrl()))).atPriority(1)
                    .willReturn(json(400, error(400, 53215, "Invalid Subscribe Rule(s)"))));
            publishing(track(ROOM_SID, PARTICIPANT_SID, "MT0123456789abcdef0123456789abcdef", "audio", false));
            disconnectAnswers(200, participant(ROOM_SID, PARTICIPANT_SID, userId.toString(), "disconnected"));

            assertThatThrownBy(() -> provider.reconcile(room, userId, new ParticipantState(true, false, false)))
                    .isInstanceOf(TwilioRefusal.class).hasMessageContaining("53215");

            assertThat(disconnects()).as("even a paused audio track: the listener could unpause it at any moment").isEqualTo(1);
        }

        @Test
        void whenTheRulesAreRefusedAListenerPublishingNothingOrOnlyDataStays() {
            userConnected();
            twilio.stubFor(authed(post(urlPathEqualTo(rulesUrl()))).atPriority(1)
                    .willReturn(json(400, error(400, 53215, "Invalid Subscribe Rule(s)"))));
            publishing(track(ROOM_SID, PARTICIPANT_SID, "MT0123456789abcdef0123456789abcde0", "data", true));

            assertThatThrownBy(() -> provider.reconcile(room, userId, new ParticipantState(true, false, false)))
                    .isInstanceOf(TwilioRefusal.class);

            assertThat(disconnects()).isZero();
        }

        @Test
        void whenTheRulesAreRefusedAForceMutedSpeakerWhoPausedTheirTrackStays() {
            userConnected();
            twilio.stubFor(authed(post(urlPathEqualTo(rulesUrl()))).atPriority(1)
                    .willReturn(json(400, error(400, 53215, "Invalid Subscribe Rule(s)"))));
            publishing(track(ROOM_SID, PARTICIPANT_SID, "MT0123456789abcdef0123456789abcdef", "audio", false));

            assertThatThrownBy(() -> provider.reconcile(room, userId, new ParticipantState(true, true, true)))
                    .isInstanceOf(TwilioRefusal.class);

            assertThat(disconnects()).isZero();
        }

        @Test
        void aRoomTwilioNoLongerHasLeavesNothingToDo() {
            twilio.stubFor(get(urlPathEqualTo(participantsUrl())).willReturn(json(404, error(404, 20404, "The requested resource was not found"))));

            provider.reconcile(room, userId, new ParticipantState(false, false, false));

            twilio.verify(0, postRequestedFor(anyUrl()));
        }

        @Test
        void aParticipantWhoLeftMeanwhileIsAlreadyDone() {
            userConnected();
            disconnectAnswers(404, error(404, 20404, "The requested resource was not found"));

            provider.reconcile(room, userId, new ParticipantState(false, false, false));

            assertThat(disconnects()).isEqualTo(1);
        }
    }

    @Nested
    class EndingTheRoom {

        @Test
        void theRoomIsCompletedBySid() {
            twilio.stubFor(authed(post(urlEqualTo("/v1/Rooms/" + ROOM_SID))).withFormParam("Status", equalTo("completed"))
                    .willReturn(json(200, room(ROOM_SID, roomId.toString(), "completed"))));

            provider.endRoom(room);

            twilio.verify(1, authed(postRequestedFor(urlEqualTo("/v1/Rooms/" + ROOM_SID)))
                    .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                    .withFormParam("Status", equalTo("completed")));
        }

        @Test
        void aRoomAlreadyGoneOrCompletedIsDone() {
            twilio.stubFor(post(urlEqualTo("/v1/Rooms/" + ROOM_SID)).willReturn(json(404, error(404, 20404, "The requested resource was not found"))));
            provider.endRoom(room);

            twilio.stubFor(post(urlEqualTo("/v1/Rooms/" + ROOM_SID)).willReturn(json(400, error(400, 53112, "Status is invalid"))));
            provider.endRoom(room);
        }
    }

    @Nested
    class WhenTwilioFails {

        @Test
        void aServerErrorIsUnavailableAfterTwilioJavasOwnThreeAttemptsAndNoMore() {
            twilio.stubFor(get(anyUrl()).willReturn(json(503, error(503, 20503, "Service Unavailable"))));

            assertThatThrownBy(() -> provider.ensureRoom(roomId)).isInstanceOf(ProviderUnavailable.class).hasMessageContaining("503");
            twilio.verify(3, getRequestedFor(urlEqualTo("/v1/Rooms/" + roomId)));
        }

        @Test
        void aGatewayErrorWithoutTwilioJsonIsUnavailableToo() {
            twilio.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));

            assertThatThrownBy(() -> provider.endRoom(room)).isInstanceOf(ProviderUnavailable.class).hasMessageContaining("502");
        }

        @Test
        void rateLimitingIsUnavailableWithoutRetrying() {
            twilio.stubFor(get(anyUrl()).willReturn(json(429, error(429, 20429, "Too Many Requests"))));

            assertThatThrownBy(() -> provider.reconcile(room, userId, new ParticipantState(false, false, false)))
                    .isInstanceOf(ProviderUnavailable.class).hasMessageContaining("429");
            twilio.verify(1, anyRequestedFor(anyUrl()));
        }

        @Test
        void aRefusedConnectionIsUnavailable() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            TwilioRtcProvider nowhere = provider(TwilioFixtures.settings("http://127.0.0.1:" + closedPort));

            assertThatThrownBy(() -> nowhere.ensureRoom(roomId)).isInstanceOf(ProviderUnavailable.class).hasMessageContaining("could not be reached");
        }

        @Test
        void anAnswerSlowerThanTheReadTimeoutIsUnavailable() {
            twilio.stubFor(get(anyUrl()).willReturn(json(200, room(ROOM_SID, roomId.toString(), "in-progress")).withFixedDelay(2_000)));
            TwilioProperties impatient = new TwilioProperties(TwilioFixtures.ACCOUNT_SID, API_KEY_SID, API_KEY_SECRET, TwilioFixtures.AUTH_TOKEN,
                    twilio.baseUrl(), Duration.ofSeconds(1), Duration.ofMillis(300));

            assertThatThrownBy(() -> provider(impatient).ensureRoom(roomId)).isInstanceOf(ProviderUnavailable.class)
                    .hasMessageContaining("did not answer");
            twilio.verify(1, anyRequestedFor(anyUrl()));
        }

        @Test
        void rejectedCredentialsAreAMisconfigurationSaidPlainly() {
            twilio.stubFor(get(anyUrl()).willReturn(json(401, error(401, 20003, "Authenticate"))));

            assertThatThrownBy(() -> provider.ensureRoom(roomId)).isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(ProviderUnavailable.class)
                    .hasMessageContaining("credentials were not accepted").hasMessageContaining("HTTP 401")
                    .hasMessageContaining("tribune.rtc.twilio.api-key-sid");
        }

        @Test
        void aForbiddenCallIsAMisconfigurationToo() {
            twilio.stubFor(post(anyUrl()).willReturn(json(403, error(403, 20403, "Forbidden"))));

            assertThatThrownBy(() -> provider.endRoom(room)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 403").hasMessageContaining("Forbidden");
        }

        @Test
        void anyOtherRefusalCarriesTwiliosCodeAndMessage() {
            twilio.stubFor(get(anyUrl()).willReturn(json(404, error(404, 20404, "nope"))));
            twilio.stubFor(post(urlEqualTo("/v1/Rooms")).willReturn(json(400, error(400, 53126, "Legacy room type no longer supported"))));

            assertThatThrownBy(() -> provider.ensureRoom(roomId)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("53126").hasMessageContaining("Legacy room type");
        }
    }
}
