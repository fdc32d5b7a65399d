package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.events.ServiceInstance.Member;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mesh {@code signal} relay: a speaker's offer reaches a listener connected to another instance, the listener's
 * answer comes back, and the relay enforces the stage before anything is delivered: only the people on the stage
 * offer (renegotiations included), and a listener's answer never sends.
 */
class SignalRelayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static ServiceInstance onA;
    static ServiceInstance onB;

    Member host;
    Member listener;
    UUID room;
    SocketClient hostSocket;
    SocketClient listenerSocket;

    static final String SENDONLY_OFFER = sdp("audio", "sendonly");

    static String sdp(String kind, String direction) {
        return "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=" + kind + " 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=" + direction + "\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n";
    }

    static final String[] LARGE_SIGNALS = {"--tribune.ws.large-signals.permits=10", "--tribune.ws.large-signals.window=1h"};

    @BeforeAll
    static void twoInstances() {
        // few large signals per user, and no refill during a test, so their limit shows without a race against time
        a = EventStreamTest.instance(LARGE_SIGNALS);
        b = EventStreamTest.instance(LARGE_SIGNALS);
        onA = new ServiceInstance("http://localhost:" + a.getEnvironment().getProperty("local.server.port"));
        onB = new ServiceInstance("http://localhost:" + b.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @BeforeEach
    void aMeshRoomWithTheHostOnAAndAListenerOnB() throws Exception {
        host = onA.register("sighost");
        listener = onA.register("siglistener");
        room = UUID.fromString((String) onA.post("/api/v1/rooms", host, Map.of("name", "Mesh", "provider", "mesh")).get("id"));
        onA.post(path("/join"), host, null);
        onB.post(path("/join"), listener, null);
        hostSocket = SocketClient.connect(onA.socketUrl(host));
        listenerSocket = SocketClient.connect(onB.socketUrl(listener));
        hostSocket.send("{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"}");
        hostSocket.expectPastEvents("subscribed");
        listenerSocket.send("{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"}");
        listenerSocket.expectPastEvents("subscribed");
    }

    @AfterEach
    void close() {
        hostSocket.close();
        listenerSocket.close();
    }

    private String path(String tail) {
        return "/api/v1/rooms/" + room + tail;
    }

    private String signal(Member to, Map<String, Object> data) {
        return JSON.writeValueAsString(Map.of("op", "signal", "roomId", room.toString(), "to", to.id().toString(), "data", data));
    }

    private static Map<String, Object> offer(String sdp) {
        return Map.of("type", "offer", "sdp", sdp);
    }

    private static Map<String, Object> answer(String sdp) {
        return Map.of("type", "answer", "sdp", sdp);
    }

    @Test
    void aSpeakersOfferReachesAListenerOnAnotherInstanceAndTheAnswerComesBack() throws Exception {
        hostSocket.send(signal(listener, offer(SENDONLY_OFFER)));
        JsonNode relayed = listenerSocket.expectPastEvents("signal");
        assertThat(relayed.path("roomId").asString()).isEqualTo(room.toString());
        assertThat(relayed.path("from").asString()).isEqualTo(host.id().toString());
        assertThat(relayed.path("data").path("type").asString()).isEqualTo("offer");
        assertThat(relayed.path("data").path("sdp").asString()).isEqualTo(SENDONLY_OFFER);

        listenerSocket.send(signal(host, answer(sdp("audio", "recvonly"))));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("answer");
        listenerSocket.send(signal(host, Map.of("type", "candidate",
                "candidate", Map.of("candidate", "candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host", "sdpMid", "0"))));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("candidate").path("sdpMid").asString()).isEqualTo("0");
        hostSocket.send(signal(listener, Map.of("type", "bye")));
        assertThat(listenerSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("bye");
    }

    @Test
    void anSdpLargerThanANotifyPayloadArrivesWhole() throws Exception {
        StringBuilder big = new StringBuilder(SENDONLY_OFFER);
        for (int i = 0; big.length() < 20_000; i++) {
            big.append("a=candidate:").append(i).append(" 1 udp 2122260223 10.0.").append(i % 250).append(".2 5").append(1000 + i)
                    .append(" typ host generation 0\r\n");
        }
        hostSocket.send(signal(listener, offer(big.toString())));
        assertThat(listenerSocket.expectPastEvents("signal").path("data").path("sdp").asString()).isEqualTo(big.toString());
        assertThat(a.getBean(JdbcClient.class).sql("SELECT count(*) FROM signal_spill").query(Long.class).single()).isPositive();
    }

    @Test
    void largeSignalsAreLimitedPerUserSoTheSpillTableStaysBoundedHoweverManySocketsTheyOpen() throws Exception {
        StringBuilder big = new StringBuilder(SENDONLY_OFFER);
        for (int i = 0; big.length() < 8_000; i++) {
            big.append("a=candidate:").append(i).append(" 1 udp 2122260223 10.0.0.2 5").append(1000 + i).append(" typ host\r\n");
        }
        // a second socket of the same user shares the user's allowance
        try (SocketClient second = SocketClient.connect(onA.socketUrl(host))) {
            second.send("{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"}");
            second.expectPastEvents("subscribed");
            for (int i = 0; i < 5; i++) {
                hostSocket.send(signal(listener, offer(big.toString())));
                second.send(signal(listener, offer(big.toString())));
            }
            // the two sockets' frames are handled concurrently: let all ten through before the one over the limit
            for (int i = 0; i < 10; i++) {
                assertThat(listenerSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("offer");
            }
            second.send(signal(listener, offer(big.toString())));
            JsonNode refused = second.expectPastEvents("error");
            assertThat(refused.path("code").asString()).isEqualTo("rate_limited");
            assertThat(refused.path("message").asString()).contains("large signals");
            // small signals (candidates) still pass: only the ones written to the database are limited this way
            hostSocket.send(signal(listener, Map.of("type", "bye")));
            assertThat(listenerSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("bye");
        }
    }

    @Test
    void aListenerAsksASpeakerForAudioWithReadyButNotAnotherListener() throws Exception {
        listenerSocket.send(signal(host, Map.of("type", "ready")));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("ready");
        Member other = onA.register("sigother");
        onB.post(path("/join"), other, null);
        listenerSocket.send(signal(other, Map.of("type", "ready")));
        assertThat(listenerSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");
    }

    @Test
    void audioHealthReportsAreCountedAndMalformedOnesRefused() throws Exception {
        var meters = b.getBean(MeterRegistry.class);
        double before = meters.counter("tribune.audio.peers", "receiving", "false").count();
        listenerSocket.send(JSON.writeValueAsString(Map.of("op", "audio.health", "roomId", room.toString(),
                "peers", List.of(Map.of("userId", host.id().toString(), "receiving", false)))));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> meters.counter("tribune.audio.peers", "receiving", "false").count() == before + 1);
        listenerSocket.send(JSON.writeValueAsString(Map.of("op", "audio.health", "roomId", room.toString(), "peers", "none")));
        assertThat(listenerSocket.expectPastEvents("error").path("code").asString()).isEqualTo("bad_request");
    }

    @Test
    void aListenerMayNotOfferAudio() throws Exception {
        listenerSocket.send(signal(host, offer(SENDONLY_OFFER)));
        assertThat(listenerSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");
        assertThat(hostSocket.onlyEventsFor(700)).as("nothing reached the host").isTrue();
    }

    @Test
    void anAnswerThatWouldSendAudioIsRefused() throws Exception {
        for (String direction : new String[] {"sendrecv", "sendonly"}) {
            listenerSocket.send(signal(host, answer(sdp("audio", direction))));
            assertThat(listenerSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");
        }
        listenerSocket.send(signal(host, answer(sdp("audio", "inactive"))));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("answer");
    }

    @Test
    void aSpeakersOfferCarriesAudioOnly() throws Exception {
        hostSocket.send(signal(listener, offer(sdp("video", "sendonly"))));
        assertThat(hostSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");
        assertThat(listenerSocket.onlyEventsFor(700)).isTrue();
    }

    @Test
    void aPromotedListenerAddsItsMicrophoneToTheConnectionItHasAndTheHostAnswersSendingToo() throws Exception {
        onA.put(path("/hand"), listener);
        onA.put(path("/speakers/" + listener.id()), host);
        // the renegotiation of the host's sendonly connection: a section receiving the host, one sending the microphone
        String renegotiation = SENDONLY_OFFER.replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1").replace("a=sendonly", "a=recvonly")
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sendonly\r\na=rtpmap:111 opus/48000/2\r\n";
        listenerSocket.send(signal(host, offer(renegotiation)));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("sdp").asString()).isEqualTo(renegotiation);
        String hostAnswer = renegotiation.replace("a=recvonly", "a=SEND").replace("a=sendonly", "a=recvonly").replace("a=SEND", "a=sendonly");
        hostSocket.send(signal(listener, answer(hostAnswer)));
        assertThat(listenerSocket.expectPastEvents("signal").path("data").path("sdp").asString()).isEqualTo(hostAnswer);
        // and between two speakers, sendrecv both ways
        hostSocket.send(signal(listener, offer(sdp("audio", "sendrecv"))));
        assertThat(listenerSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("offer");
        listenerSocket.send(signal(host, answer(sdp("audio", "sendrecv"))));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("answer");
    }

    @Test
    void aListenerMayNotAnswerASendrecvOfferWithItsMicrophone() throws Exception {
        hostSocket.send(signal(listener, offer(sdp("audio", "sendrecv"))));
        assertThat(listenerSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("offer");
        listenerSocket.send(signal(host, answer(sdp("audio", "sendrecv"))));
        assertThat(listenerSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");
        assertThat(hostSocket.onlyEventsFor(700)).as("nothing reached the host").isTrue();
        listenerSocket.send(signal(host, answer(sdp("audio", "recvonly"))));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("answer");
    }

    @Test
    void aDemotedSpeakerMayOfferNoMore() throws Exception {
        onA.put(path("/hand"), listener);
        onA.put(path("/speakers/" + listener.id()), host);
        listenerSocket.send(signal(host, offer(SENDONLY_OFFER)));
        assertThat(hostSocket.expectPastEvents("signal").path("data").path("type").asString()).isEqualTo("offer");

        onA.delete(path("/speakers/" + listener.id()), host);
        listenerSocket.send(signal(host, offer(SENDONLY_OFFER)));
        assertThat(listenerSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");
    }

    @Test
    void signalsGoOnlyBetweenParticipantsOfTheRoomTheSenderIsSubscribedTo() throws Exception {
        Member stranger = onA.register("sigstranger");
        hostSocket.send(signal(stranger, offer(SENDONLY_OFFER)));
        assertThat(hostSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");

        hostSocket.send("{\"op\":\"unsubscribe\",\"roomId\":\"" + room + "\"}");
        hostSocket.send(signal(listener, offer(SENDONLY_OFFER)));
        assertThat(hostSocket.expectPastEvents("error").path("code").asString()).isEqualTo("not_subscribed");

        hostSocket.send("{\"op\":\"signal\",\"roomId\":\"" + room + "\",\"to\":\"" + listener.id() + "\",\"data\":{\"type\":\"offer\"}}");
        assertThat(hostSocket.expectPastEvents("error").path("code").asString()).isEqualTo("bad_request");
        assertThat(listenerSocket.onlyEventsFor(700)).isTrue();
    }

    @Test
    void roomsOnOtherProvidersRelayNoSignals() throws Exception {
        UUID sfuRoom = UUID.fromString((String) onA.post("/api/v1/rooms", host, Map.of("name", "Not mesh", "provider", "recording")).get("id"));
        onA.post("/api/v1/rooms/" + sfuRoom + "/join", host, null);
        onB.post("/api/v1/rooms/" + sfuRoom + "/join", listener, null);
        hostSocket.send("{\"op\":\"subscribe\",\"roomId\":\"" + sfuRoom + "\"}");
        hostSocket.expectPastEvents("subscribed");
        hostSocket.send(JSON.writeValueAsString(Map.of("op", "signal", "roomId", sfuRoom.toString(), "to", listener.id().toString(),
                "data", offer(SENDONLY_OFFER))));
        assertThat(hostSocket.expectPastEvents("error").path("code").asString()).isEqualTo("signal_refused");
    }
}
