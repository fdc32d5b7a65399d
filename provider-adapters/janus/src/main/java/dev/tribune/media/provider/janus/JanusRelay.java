package dev.tribune.media.provider.janus;

import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.ReconcileRequests;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Janus REST API relayed at {@code /janus} (janus-contract.md): browsers never reach Janus. Every request must
 * carry a grant's token ({@code "token"} in the body, {@code ?token=} on the long poll), which is checked and
 * replaced by the API secret; a session may only be used by the user who made it, for the room of their token; and
 * VideoRoom messages are checked against the participant's state in the database at that moment: publishing only
 * for HOST, MODERATOR and SPEAKER, with the room and publisher id forced to theirs. A refusal is answered in Janus's
 * own error shape with HTTP 200 (433 for VideoRoom requests, 403 for the rest).
 */
@RestController
@ConditionalOnProperty(prefix = "tribune.rtc.janus", name = "url")
class JanusRelay {

    private static final Logger log = LoggerFactory.getLogger(JanusRelay.class);

    static final String PATH = "/janus";
    static final int UNAUTHORIZED = 403;
    static final int VIDEOROOM_UNAUTHORIZED = 433;
    static final int INVALID_JSON = 454;
    /** Long polls are answered by Janus within 30 s; the servlet's own limit must be above that. */
    private static final long ASYNC_TIMEOUT_MS = JanusGateway.LONG_POLL.toMillis() + 5_000;

    private final JanusGateway janus;
    private final JanusTokens tokens;
    private final JanusSessions sessions;
    private final ParticipantStateSource states;
    private final ReconcileRequests reconciles;
    private final Clock clock;
    private final JsonMapper json;

    JanusRelay(JanusGateway janus, JanusTokens tokens, JdbcClient jdbc, ParticipantStateSource states,
            ReconcileRequests reconciles, Clock clock) {
        this.janus = janus;
        this.tokens = tokens;
        this.sessions = new JanusSessions(jdbc);
        this.states = states;
        this.reconciles = reconciles;
        this.clock = clock;
        this.json = janus.json();
    }

    /** A refusal or a failure, already in Janus's shape. */
    private static final class Refused extends RuntimeException {
        final ObjectNode answer;

        Refused(ObjectNode answer) {
            super(answer.toString(), null, false, false);
            this.answer = answer;
        }
    }

    @PostMapping(PATH)
    DeferredResult<ResponseEntity<String>> root(@RequestBody(required = false) String body) {
        return handle(() -> {
            ObjectNode request = parse(body);
            JanusTokens.Holder holder = holder(request, request.path("token").asString(""));
            if (!"create".equals(request.path("janus").asString(""))) {
                throw refuse(request, UNAUTHORIZED, "Only 'create' is relayed here");
            }
            if (!states.current(holder.roomId(), holder.userId()).present()) {
                throw refuse(request, UNAUTHORIZED, "Not in this room");
            }
            return send("POST", "", request).thenApply(answer -> {
                long session = JanusGateway.errorCode(answer.json) == 0 ? answer.json.path("data").path("id").asLong(0) : 0;
                if (session != 0) {
                    sessions.record(session, holder.userId(), holder.roomId(), clock.instant());
                }
                return answer.entity;
            });
        });
    }

    @PostMapping(PATH + "/{session}")
    DeferredResult<ResponseEntity<String>> session(@PathVariable String session, @RequestBody(required = false) String body) {
        return handle(() -> {
            ObjectNode request = parse(body);
            long id = owned(request, session, request.path("token").asString(""));
            String verb = request.path("janus").asString("");
            switch (verb) {
                case "attach" -> {
                    if (!JanusGateway.VIDEOROOM.equals(request.path("plugin").asString(""))) {
                        throw refuse(request, UNAUTHORIZED, "Only " + JanusGateway.VIDEOROOM + " may be attached");
                    }
                    request.put("opaque_id", owner(id).userId().toString());
                }
                case "keepalive", "destroy" -> {
                }
                default -> throw refuse(request, UNAUTHORIZED, "'" + verb + "' is not relayed");
            }
            return send("POST", "/" + id, request).thenApply(answer -> {
                if ("destroy".equals(verb) && JanusGateway.errorCode(answer.json) == 0) {
                    sessions.forget(id);
                }
                return answer.entity;
            });
        });
    }

    @GetMapping(PATH + "/{session}")
    DeferredResult<ResponseEntity<String>> poll(@PathVariable String session, @RequestParam(required = false) String token,
            @RequestParam(required = false) Integer maxev) {
        return handle(() -> {
            ObjectNode context = json.createObjectNode();
            long id = owned(context, session, token);
            JanusSessions.Owner owner = owner(id);
            String query = "?apisecret=" + URLEncoder.encode(janus.apiSecret(), StandardCharsets.UTF_8)
                    + (maxev != null && maxev > 0 ? "&maxev=" + Math.min(maxev, 100) : "");
            return janus.forward("GET", "/" + id + query, null).thenApply(response -> {
                Answer answer = answer(response);
                if (JanusGateway.errorCode(answer.json) == JanusGateway.SESSION_NOT_FOUND) {
                    sessions.forget(id);
                }
                published(answer.json, owner);
                return answer.entity;
            });
        });
    }

    @PostMapping(PATH + "/{session}/{handle}")
    DeferredResult<ResponseEntity<String>> handle(@PathVariable String session, @PathVariable String handle,
            @RequestBody(required = false) String body) {
        return handle(() -> {
            ObjectNode request = parse(body);
            long id = owned(request, session, request.path("token").asString(""));
            long handleId = number(request, handle);
            String verb = request.path("janus").asString("");
            switch (verb) {
                case "message" -> videoroom(request, owner(id));
                case "trickle", "hangup", "detach" -> {
                }
                default -> throw refuse(request, UNAUTHORIZED, "'" + verb + "' is not relayed");
            }
            return send("POST", "/" + id + "/" + handleId, request).thenApply(answer -> answer.entity);
        });
    }

    /** The VideoRoom rules of the contract; forces room and publisher id where a request names them. */
    private void videoroom(ObjectNode request, JanusSessions.Owner owner) {
        if (!(request.get("body") instanceof ObjectNode body)) {
            throw refuse(request, VIDEOROOM_UNAUTHORIZED, "A VideoRoom message needs a body");
        }
        String room = owner.roomId().toString();
        String verb = body.path("request").asString("").toLowerCase(Locale.ROOT);
        boolean offer = "offer".equalsIgnoreCase(request.path("jsep").path("type").asString(""));
        ParticipantState state = states.current(owner.roomId(), owner.userId());
        switch (verb) {
            case "join" -> {
                String ptype = body.path("ptype").asString("").toLowerCase(Locale.ROOT);
                if ("publisher".equals(ptype)) {
                    mayPublish(request, state);
                    body.put("room", room).put("id", owner.userId().toString());
                } else if ("subscriber".equals(ptype) || "listener".equals(ptype)) {
                    mayListen(request, state);
                    if (offer) {
                        mayPublish(request, state);
                    }
                    body.put("room", room);
                } else {
                    throw refuse(request, VIDEOROOM_UNAUTHORIZED, "Unknown ptype");
                }
            }
            case "joinandconfigure" -> {
                mayPublish(request, state);
                body.put("room", room).put("id", owner.userId().toString()).put("ptype", "publisher");
            }
            case "publish" -> mayPublish(request, state);
            case "configure", "start", "leave", "unpublish", "pause", "switch" -> {
                mayListen(request, state);
                if (offer) {
                    mayPublish(request, state);
                }
            }
            case "listparticipants" -> {
                mayListen(request, state);
                body.put("room", room);
            }
            default -> throw refuse(request, VIDEOROOM_UNAUTHORIZED, "'" + verb + "' is not allowed");
        }
        if (offer && !"join".equals(verb) && !"joinandconfigure".equals(verb) && !"publish".equals(verb) && !"configure".equals(verb)) {
            throw refuse(request, VIDEOROOM_UNAUTHORIZED, "An offer is only taken with a publisher's request");
        }
    }

    private void mayPublish(ObjectNode request, ParticipantState state) {
        if (!state.present() || !state.canPublish()) {
            throw refuse(request, VIDEOROOM_UNAUTHORIZED, "Not allowed to publish in this room now");
        }
    }

    private void mayListen(ObjectNode request, ParticipantState state) {
        if (!state.present()) {
            throw refuse(request, VIDEOROOM_UNAUTHORIZED, "Not in this room");
        }
    }

    /**
     * A publisher's stream answered ("configured" with a JSEP answer): a force-muted user's new stream is moderated
     * again by the core (a reconcile), as VideoRoom does not carry a moderation over to a new publication.
     */
    private void published(JsonNode events, JanusSessions.Owner owner) {
        if (events == null) {
            return;
        }
        Iterable<JsonNode> list = events.isArray() ? events.values() : List.of(events);
        for (JsonNode event : list) {
            if ("ok".equals(event.path("plugindata").path("data").path("configured").asString(""))
                    && "answer".equals(event.path("jsep").path("type").asString(""))) {
                try {
                    if (states.current(owner.roomId(), owner.userId()).forcedMute()) {
                        reconciles.reconcileSoon(owner.roomId(), owner.userId());
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not queue the moderation of {} in room {}: {}", owner.userId(), owner.roomId(), e.getMessage());
                }
                return;
            }
        }
    }

    // --- checks

    private JanusTokens.Holder holder(ObjectNode request, String token) {
        return tokens.check(token).orElseThrow(() -> refuse(request, UNAUTHORIZED, "Unauthorized request (wrong or expired token)"));
    }

    /** The session id, checked to belong to the token's holder and room. */
    private long owned(ObjectNode request, String session, String token) {
        JanusTokens.Holder holder = holder(request, token);
        long id = number(request, session);
        Optional<JanusSessions.Owner> owner = sessions.owner(id);
        if (owner.isEmpty()) {
            throw refuse(request, JanusGateway.SESSION_NOT_FOUND, "No such session " + id);
        }
        if (!owner.get().userId().equals(holder.userId()) || !owner.get().roomId().equals(holder.roomId())) {
            throw refuse(request, UNAUTHORIZED, "Not your session");
        }
        return id;
    }

    private JanusSessions.Owner owner(long session) {
        return sessions.owner(session).orElseThrow();
    }

    private long number(ObjectNode request, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw refuse(request, JanusGateway.SESSION_NOT_FOUND, "No such session or handle " + value);
    }

    private ObjectNode parse(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            // below
        }
        throw refuse(json.createObjectNode(), INVALID_JSON, "JSON error: not a JSON object");
    }

    private Refused refuse(ObjectNode request, int code, String reason) {
        ObjectNode answer = json.createObjectNode().put("janus", "error");
        JsonNode transaction = request.get("transaction");
        if (transaction != null) {
            answer.set("transaction", transaction);
        }
        answer.putObject("error").put("code", code).put("reason", reason);
        return new Refused(answer);
    }

    // --- forwarding

    private record Answer(ResponseEntity<String> entity, JsonNode json) {
    }

    private CompletableFuture<Answer> send(String method, String path, ObjectNode request) {
        request.remove("token");
        request.put("apisecret", janus.apiSecret());
        return janus.forward(method, path, json.writeValueAsString(request)).thenApply(this::answer);
    }

    private Answer answer(HttpResponse<String> response) {
        JsonNode parsed = null;
        try {
            parsed = json.readTree(response.body());
        } catch (JacksonException e) {
            // passed on as it is
        }
        return new Answer(ResponseEntity.status(response.statusCode()).contentType(MediaType.APPLICATION_JSON).body(response.body()), parsed);
    }

    private interface Work {
        CompletableFuture<ResponseEntity<String>> start();
    }

    private DeferredResult<ResponseEntity<String>> handle(Work work) {
        DeferredResult<ResponseEntity<String>> result = new DeferredResult<>(ASYNC_TIMEOUT_MS);
        result.onTimeout(() -> result.setResult(unavailable("Janus did not answer in time")));
        try {
            work.start().whenComplete((entity, failure) -> {
                if (failure == null) {
                    result.setResult(entity);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof Refused refused) {
                        result.setResult(ok(refused.answer));
                    } else {
                        log.warn("Janus relay: {}", cause.toString());
                        result.setResult(unavailable("Janus could not be reached"));
                    }
                }
            });
        } catch (Refused refused) {
            result.setResult(ok(refused.answer));
        }
        return result;
    }

    private ResponseEntity<String> ok(ObjectNode answer) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(answer));
    }

    private ResponseEntity<String> unavailable(String reason) {
        ObjectNode answer = json.createObjectNode().put("janus", "error");
        answer.putObject("error").put("code", 500).put("reason", reason);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(answer));
    }

}
