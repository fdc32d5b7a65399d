package dev.tribune.media.provider.janus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A participant at a real Janus without a browser: a session and a VideoRoom handle made with the API secret, as the
 * relay makes them for a user (publisher id = the user id), recorded in {@code janus_sessions} as the relay records
 * them. A speaker joins as a publisher with a JSEP offer for one audio m-line (mid "0", what the web client sends):
 * Janus answers and keeps the publisher and its audio stream, which is all that {@code kick} and {@code moderate} act
 * on. No ICE or DTLS ever completes, so no packet flows: whether audio is then heard is JanusAudioTest's concern;
 * here, what Janus lets the participant do is read from Janus itself (the session, the room's participants, and the
 * moderation events Janus sends the participant).
 */
final class JanusParticipant {

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    private final JanusTestServer janus;
    private final String room;
    private final String user;
    private final long session;
    private final long handle;
    private final boolean publisher;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The last moderation of the audio stream Janus told this participant of. */
    private boolean audioMuted;

    private JanusParticipant(JanusTestServer janus, String room, UUID user, boolean publisher) {
        this.janus = janus;
        this.room = room;
        this.user = user.toString();
        this.publisher = publisher;
        this.session = janus.post("", json.createObjectNode().put("janus", "create")).path("data").path("id").asLong();
        this.handle = janus.post("/" + session, json.createObjectNode().put("janus", "attach").put("plugin", JanusGateway.VIDEOROOM)
                .put("opaque_id", this.user)).path("data").path("id").asLong();
    }

    /** A listener: a session with a VideoRoom handle, publishing nothing. */
    static JanusParticipant listener(JanusTestServer janus, JanusSessions sessions, String room, UUID roomId, UUID user) {
        JanusParticipant participant = new JanusParticipant(janus, room, user, false);
        sessions.record(participant.session, user, roomId, Instant.now());
        return participant;
    }

    /** A speaker: a publisher in the room whose audio stream (mid "0") Janus has taken, its offer answered. */
    static JanusParticipant speaker(JanusTestServer janus, JanusSessions sessions, String room, UUID roomId, UUID user) {
        JanusParticipant participant = new JanusParticipant(janus, room, user, true);
        sessions.record(participant.session, user, roomId, Instant.now());
        participant.publish();
        return participant;
    }

    boolean isPublisher() {
        return publisher;
    }

    private void publish() {
        ObjectNode message = json.createObjectNode().put("janus", "message");
        message.putObject("body").put("request", "joinandconfigure").put("ptype", "publisher").put("room", room).put("id", user)
                .put("audio", true).put("video", false);
        message.putObject("jsep").put("type", "offer").put("sdp", audioOffer());
        JsonNode ack = janus.post("/" + session + "/" + handle, message);
        if (!"ack".equals(ack.path("janus").asString())) {
            throw new IllegalStateException("Janus did not take the publisher's join: " + ack);
        }
        Instant until = Instant.now().plus(ANSWER_WAIT);
        while (Instant.now().isBefore(until)) {
            for (JsonNode event : poll(ANSWER_WAIT)) {
                JsonNode data = event.path("plugindata").path("data");
                if (data.path("error_code").asInt(0) != 0) {
                    throw new IllegalStateException("Janus refused the publisher: " + data);
                }
                if ("answer".equals(event.path("jsep").path("type").asString(""))) {
                    return;
                }
            }
        }
        throw new IllegalStateException("Janus did not answer the publisher's offer within " + ANSWER_WAIT);
    }

    /** Janus still has the session: a keepalive is not answered 458. */
    boolean connected() {
        return janus.sessionAlive(session);
    }

    /** A publisher still in the room (not kicked) whose audio Janus has not been told to withhold (moderate). */
    boolean publishingUnmuted() {
        if (!publisher || !janus.participants(room).contains(user)) {
            return false;
        }
        poll(Duration.ofSeconds(1));
        return !audioMuted;
    }

    /** The events Janus queued for the session; none when nothing comes within {@code wait} (the long poll is cut). */
    private List<JsonNode> poll(Duration wait) {
        URI uri = URI.create(janus.url() + "/" + session + "?maxev=100&apisecret=" + JanusTestServer.API_SECRET);
        List<JsonNode> got = new ArrayList<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(wait).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json.readTree(response.body());
            (answer.isArray() ? answer.values() : List.of(answer)).forEach(event -> {
                if ("event".equals(event.path("janus").asString(""))) {
                    got.add(event);
                }
            });
        } catch (HttpTimeoutException nothingQueued) {
            return got;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (JsonNode event : got) {
            JsonNode data = event.path("plugindata").path("data");
            if (data.has("moderation") && user.equals(data.path("id").asString(""))
                    && JanusRtcProvider.AUDIO_MID.equals(data.path("mid").asString(""))) {
                audioMuted = "muted".equals(data.path("moderation").asString(""));
            }
        }
        return got;
    }

    /** One sendonly Opus m-line, mid "0", as a browser would offer it (ICE and DTLS values made up: never used). */
    private static String audioOffer() {
        byte[] fingerprint = new byte[32];
        ThreadLocalRandom.current().nextBytes(fingerprint);
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint);
        return String.join("\r\n",
                "v=0",
                "o=- " + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "a=msid-semantic: WMS tribune",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=rtcp:9 IN IP4 0.0.0.0",
                "a=ice-ufrag:" + UUID.randomUUID().toString().substring(0, 8),
                "a=ice-pwd:" + UUID.randomUUID().toString().replace("-", ""),
                "a=ice-options:trickle",
                "a=fingerprint:sha-256 " + hex,
                "a=setup:actpass",
                "a=mid:0",
                "a=sendonly",
                "a=msid:tribune audio0",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=ssrc:" + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE) + " cname:tribune",
                "");
    }
}
