package dev.tribune.media.provider.livekit;

import dev.tribune.media.spi.ProviderMisconfigured;
import dev.tribune.media.spi.ProviderUnavailable;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * LiveKit's RoomService over Twirp with JSON bodies: {@code POST <api-url>/twirp/livekit.RoomService/<Method>},
 * each call with a fresh short-lived token holding only the grant that method needs (protobufs/livekit_room.proto).
 *
 * <p>Answers are sorted the way the outbox needs them: {@code not_found} comes back as an empty answer (the caller
 * knows whether that means "already done"); the vendor being unreachable, slow, overloaded or failing inside is
 * {@link ProviderUnavailable} (the outbox retries later); refused credentials are {@link ProviderMisconfigured};
 * anything else (a request LiveKit calls invalid, a wrong API URL) is an {@link IllegalStateException} with LiveKit's
 * own words, because trying again would not help. No retries here: the outbox is the one place that retries.
 */
final class LiveKitRoomService implements AutoCloseable {

    static final String PATH = "/twirp/livekit.RoomService/";

    /** Twirp codes that say "not now" (twitchtv/twirp errors.go; LiveKit maps its psrpc errors onto these). */
    private static final Set<String> NOT_NOW = Set.of(
            "unavailable", "internal", "unknown", "deadline_exceeded", "resource_exhausted", "canceled", "aborted", "data_loss");
    private static final Set<String> REFUSED = Set.of("unauthenticated", "permission_denied");
    /** Twirp codes that are a definite answer about the request, whatever the HTTP status says. */
    private static final Set<String> DEFINITE = Set.of(
            "invalid_argument", "malformed", "bad_route", "already_exists", "failed_precondition", "out_of_range", "unimplemented");

    private final HttpClient client;
    private final RestClient http;
    private final String base;
    private final LiveKitTokens tokens;
    private final JsonMapper json;

    LiveKitRoomService(String base, Duration connectTimeout, Duration readTimeout, LiveKitTokens tokens, JsonMapper json) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(readTimeout);
        this.http = RestClient.builder().requestFactory(requests).build();
        this.base = base;
        this.tokens = tokens;
        this.json = json;
    }

    /** Lets calls under way finish (each is bounded by the timeouts), then releases the connections. */
    @Override
    public void close() {
        client.close();
    }

    /** Creates the room, or updates and returns the one of that name (LiveKit's CreateRoom is idempotent per name). */
    JsonNode createRoom(String name, long emptyTimeoutSeconds, long departureTimeoutSeconds, int maxParticipants) {
        ObjectNode body = json.createObjectNode()
                .put("name", name)
                .put("empty_timeout", emptyTimeoutSeconds)
                .put("departure_timeout", departureTimeoutSeconds)
                .put("max_participants", maxParticipants);
        return call("CreateRoom", LiveKitTokens.roomCreate(), body)
                .orElseThrow(() -> new IllegalStateException("LiveKit answered not_found to CreateRoom for room " + name));
    }

    /**
     * ListRooms filtered to one name no Tribune room has (room names are room ids): an authenticated read whose answer
     * is empty, however many rooms are open.
     */
    JsonNode listRooms(String name) {
        ObjectNode body = json.createObjectNode();
        body.putArray("names").add(name);
        return call("ListRooms", LiveKitTokens.roomList(), body)
                .orElseThrow(() -> new IllegalStateException("LiveKit answered not_found to ListRooms"));
    }

    /** Ends the room, disconnecting everyone; false when there was no such room. */
    boolean deleteRoom(String room) {
        return call("DeleteRoom", LiveKitTokens.roomCreate(), json.createObjectNode().put("room", room)).isPresent();
    }

    /** The participant as LiveKit has them ({@code ParticipantInfo}); empty when not connected to that room. */
    Optional<JsonNode> getParticipant(String room, String identity) {
        return call("GetParticipant", LiveKitTokens.roomAdmin(room), json.createObjectNode().put("room", room).put("identity", identity));
    }

    /** Replaces the participant's whole permission set; empty when they are no longer connected. */
    Optional<JsonNode> updateParticipant(String room, String identity, ObjectNode permission) {
        ObjectNode body = json.createObjectNode().put("room", room).put("identity", identity);
        body.set("permission", permission);
        return call("UpdateParticipant", LiveKitTokens.roomAdmin(room), body);
    }

    /**
     * Disconnects the participant; false when they were not connected. {@code revokeTokenTs}: tokens issued before
     * this (epoch seconds) are refused from now on, where the server honours it (see the README).
     */
    boolean removeParticipant(String room, String identity, long revokeTokenTs) {
        ObjectNode body = json.createObjectNode().put("room", room).put("identity", identity)
                .put("revoke_token_ts", revokeTokenTs);
        return call("RemoveParticipant", LiveKitTokens.roomAdmin(room), body).isPresent();
    }

    private record Answer(int status, byte[] body) {
    }

    private Optional<JsonNode> call(String method, Map<String, Object> grant, ObjectNode body) {
        Answer answer;
        try {
            answer = http.post()
                    .uri(base + PATH + method)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.api(grant))
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body))
                    .exchange((request, response) -> new Answer(response.getStatusCode().value(), response.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            throw new ProviderUnavailable("LiveKit could not be reached for " + method + " at " + base + ": " + e.getMessage(), e);
        }
        if (answer.status() / 100 == 2) {
            return Optional.of(parse(method, answer));
        }
        String code = twirpCode(answer);
        String said = describe(answer, code);
        if ("not_found".equals(code)) {
            return Optional.empty();
        }
        if (code != null && REFUSED.contains(code) || code == null && (answer.status() == 401 || answer.status() == 403)) {
            throw new ProviderMisconfigured("LiveKit refused Tribune's credentials for " + method + " (" + said
                    + "); check tribune.rtc.livekit.api-key and tribune.rtc.livekit.api-secret");
        }
        boolean definite = code != null && DEFINITE.contains(code);
        if (!definite && (code != null && NOT_NOW.contains(code)
                || answer.status() >= 500 || answer.status() == 429 || answer.status() == 408)) {
            throw new ProviderUnavailable("LiveKit could not do " + method + " now (" + said + ")");
        }
        boolean route = "bad_route".equals(code) || code == null && answer.status() == 404;
        throw new IllegalStateException("LiveKit rejected " + method + " (" + said + ")"
                + (route ? "; check tribune.rtc.livekit.api-url (" + base + ")" : ""));
    }

    private JsonNode parse(String method, Answer answer) {
        if (answer.body().length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            throw new IllegalStateException("LiveKit answered " + method + " with something that is not JSON: " + snippet(answer));
        }
    }

    /** Twirp's error body is {@code {"code": "...", "msg": "..."}}; null when the answer is not one (a proxy's page). */
    private String twirpCode(Answer answer) {
        JsonNode error = errorBody(answer);
        String code = LiveKitJson.text(error, "code");
        return code.isBlank() ? null : code;
    }

    private JsonNode errorBody(Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    private String describe(Answer answer, String code) {
        if (code == null) {
            return "HTTP " + answer.status() + (answer.body().length == 0 ? "" : ": " + snippet(answer));
        }
        return "HTTP " + answer.status() + ", " + code + ": " + LiveKitJson.text(errorBody(answer), "msg");
    }

    private static String snippet(Answer answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
