package dev.tribune.events;

import dev.tribune.accounts.AccessTokens;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.RateLimit;
import dev.tribune.shared.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws} protocol of API.md: subscribe (with replay from {@code since}), unsubscribe, signal, auth, ping. Bad or
 * refused frames get an {@code error} frame and the socket stays open, until a client has sent too many of them.
 */
@Component
class EventSocketHandler extends TextWebSocketHandler {

    static final String USER = "tribune.user";
    static final CloseStatus TRY_AGAIN_LATER = CloseStatus.SERVICE_OVERLOAD.withReason("database busy: reconnect shortly and resume with since");
    private static final Logger log = LoggerFactory.getLogger(EventSocketHandler.class);
    static final CloseStatus TOO_MANY_SOCKETS = CloseStatus.POLICY_VIOLATION.withReason("too many sockets: close one first");
    /** A speaker starting to send to 40 peers sends an offer and a handful of candidates to each at once. */
    static final RateLimit SIGNAL_RATE = new RateLimit(600, Duration.ofSeconds(10));

    private final RoomFanout fanout;
    private final EventLog events;
    private final AccessTokens tokens;
    private final EventsProperties properties;
    private final WsProperties limits;
    private final RateLimit largeSignalRate;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, EventSocket> sockets = new ConcurrentHashMap<>();
    private final Counter droppedSlow;
    private final ApplicationEventPublisher publisher;
    private final InstanceLease lease;
    private final Map<UUID, Set<EventSocket>> byUser = new ConcurrentHashMap<>();
    private final SignalBus signals;
    private final SignalGate gate;
    private final RateLimiter limiter;
    private final Counter audioReceiving;
    private final Counter audioMissing;

    EventSocketHandler(RoomFanout fanout, EventLog events, AccessTokens tokens, EventsProperties properties, WsProperties limits,
            JsonMapper json, Clock clock, MeterRegistry meters,
            ApplicationEventPublisher publisher, InstanceLease lease, SignalBus signals, SignalGate gate,
            RateLimiter limiter, NoticeBus notices) {
        this.audioReceiving = Counter.builder("tribune.audio.peers").tag("receiving", "true")
                .description("speakers a client reported hearing, per report").register(meters);
        this.audioMissing = Counter.builder("tribune.audio.peers").tag("receiving", "false")
                .description("speakers a client reported talking but not arriving, per report").register(meters);
        this.signals = signals;
        this.gate = gate;
        this.limiter = limiter;
        signals.onSignal(this::deliver);
        notices.onNotice(this::deliverNotice);
        notices.onCloseSockets(this::closeSocketsOf);
        this.publisher = publisher;
        this.lease = lease;
        this.droppedSlow = Counter.builder("tribune.ws.dropped")
                .tag("reason", "too_slow").description("sockets closed because the client could not keep up")
                .register(meters);
        meters.gauge("tribune.ws.sockets", sockets, Map::size);
        this.fanout = fanout;
        this.events = events;
        this.tokens = tokens;
        this.properties = properties;
        this.limits = limits;
        this.largeSignalRate = new RateLimit(limits.largeSignals().permits(), limits.largeSignals().window());
        this.json = json;
        this.clock = clock;
    }

    /** Frames are taken in parts, so that Tomcat's per-session buffer can stay small (see the container's settings). */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    /**
     * Whether {@code userId} may open one more socket here: asked at the upgrade, to refuse politely (429) before
     * a socket exists. Two upgrades at once can both be told yes; {@link #afterConnectionEstablished} decides.
     */
    boolean hasRoomFor(UUID userId) {
        Set<EventSocket> mine = byUser.get(userId);
        return mine == null || mine.size() < limits.maxSocketsPerUser();
    }

    int maxSocketsPerUser() {
        return limits.maxSocketsPerUser();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        AuthenticatedUser user = (AuthenticatedUser) session.getAttributes().get(USER);
        EventSocket socket = new EventSocket(session, user, properties.outboxFrames(), limits.maxQueuedBytes().toBytes(),
                droppedSlow::increment);
        // the cap is checked and the place taken in one step per user, so sockets opened together cannot pass it
        boolean[] admitted = {false};
        byUser.compute(user.id(), (id, mine) -> {
            Set<EventSocket> set = mine == null ? ConcurrentHashMap.newKeySet() : mine;
            if (set.size() < limits.maxSocketsPerUser()) {
                set.add(socket);
                admitted[0] = true;
            }
            return set.isEmpty() ? null : set;
        });
        if (!admitted[0]) {
            socket.close(TOO_MANY_SOCKETS);
            return;
        }
        sockets.put(session.getId(), socket);
    }

    /** Every way a socket ends arrives here (a close frame, a dropped connection, our own close): its place is freed. */
    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        EventSocket socket = sockets.remove(session.getId());
        if (socket != null) {
            socket.ended();
            byUser.computeIfPresent(socket.user().id(), (id, set) -> {
                set.remove(socket);
                return set.isEmpty() ? null : set;
            });
            socket.subscriptions.values().forEach(this::unsubscribed);
            socket.subscriptions.clear();
        }
    }

    /** A broken connection: close it, so that it ends (and {@link #afterConnectionClosed} frees its place) now. */
    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        EventSocket socket = sockets.get(session.getId());
        if (socket != null) {
            socket.close(CloseStatus.SERVER_ERROR.withReason("transport error"));
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        EventSocket socket = sockets.get(session.getId());
        if (socket != null) {
            socket.heard();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        EventSocket socket = sockets.get(session.getId());
        if (socket == null) {
            return;
        }
        socket.heard();
        String text = socket.assemble(message.getPayload(), message.isLast());
        if (text == null) {
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            refuse(socket, "bad_json", "The frame is not JSON.");
            return;
        }
        try {
            dispatch(socket, frame);
        } catch (DataAccessException | TransactionException e) {
            // the pool had no connection in time (a crowd subscribing at once) or the database is away: the client
            // reconnects with backoff and resumes with since, as after any close; never a 1011 "server error"
            log.warn("Database unavailable for a /ws frame: {}", e.getMessage());
            socket.close(TRY_AGAIN_LATER);
        }
    }

    private void dispatch(EventSocket socket, JsonNode frame) {
        String op = frame.path("op").asString("");
        switch (op) {
            case "ping" -> socket.send("{\"op\":\"pong\"}");
            case "subscribe" -> subscribe(socket, frame);
            case "unsubscribe" -> roomId(socket, frame).ifPresent(roomId -> {
                Subscription subscription = socket.subscriptions.remove(roomId);
                if (subscription != null) {
                    unsubscribed(subscription);
                }
            });
            case "auth" -> {
                Optional<AuthenticatedUser> fresh = tokens.verify(frame.path("accessToken").asString(""))
                        .filter(u -> u.id().equals(socket.user().id()));
                if (fresh.isPresent()) {
                    socket.extend(fresh.get());
                } else {
                    refuse(socket, "bad_token", "That access token is not valid for this socket.");
                }
            }
            case "signal" -> signal(socket, frame);
            case "audio.health" -> audioHealth(socket, frame);
            default -> refuse(socket, "unknown_op", "Unknown op '" + op + "'.");
        }
    }

    /**
     * Registers for live frames first, then reads everything else in one query (the log's end after registering, so
     * nothing committed between them is missed; the subscriber's role; the oldest kept seq), replays, goes live.
     */
    private void subscribe(EventSocket socket, JsonNode frame) {
        Optional<UUID> room = roomId(socket, frame);
        if (room.isEmpty()) {
            return;
        }
        UUID roomId = room.get();
        JsonNode sinceNode = frame.get("since");
        boolean resuming = sinceNode != null && !sinceNode.isNull();
        if (resuming && (!sinceNode.canConvertToLong() || sinceNode.asLong() < 0)) {
            refuse(socket, "bad_request", "since must be a sequence number.");
            return;
        }
        Subscription previous = socket.subscriptions.remove(roomId);
        if (previous != null) {
            fanout.unregister(previous);
        }
        Subscription subscription = new Subscription(socket, roomId);
        fanout.register(subscription);
        try {
            goLive(socket, subscription, resuming ? sinceNode.asLong() : null);
        } catch (RuntimeException e) {
            // not left registered: a subscription that never goes live would hold every frame of the room
            fanout.unregister(subscription);
            throw e;
        }
    }

    private void goLive(EventSocket socket, Subscription subscription, Long requestedSince) {
        UUID roomId = subscription.roomId;
        EventLog.SubscriberView view = events.subscriberView(roomId, socket.user().id(), requestedSince);
        if (!view.inRoom()) {
            fanout.unregister(subscription);
            refuse(socket, "not_participant", "Join the room before subscribing to it.");
            return;
        }
        long current = view.currentSeq();
        if (requestedSince != null) {
            long since = Math.min(requestedSince, current);
            boolean gone = since < current && (view.oldestKept() == null || view.oldestKept() > since + 1);
            if (gone) {
                fanout.unregister(subscription);
                socket.send(error("since_expired", "The history after " + since + " is gone: re-read the room and subscribe afresh."));
                return;
            }
            if (view.hasReplayAfter(since)) {
                fanout.replay(subscription, since, current, view.role());
            }
        }
        socket.subscriptions.put(roomId, subscription);
        publisher.publishEvent(new SocketSubscribed(roomId, socket.user().id(), lease.id()));
        socket.send("{\"op\":\"subscribed\",\"roomId\":\"" + roomId + "\",\"seq\":" + current + "}");
        subscription.goLive(current);
    }

    /** A mesh signal: checked here (shape, rate) and by the stage (who may send what), then sent to the recipient. */
    private void signal(EventSocket socket, JsonNode frame) {
        Optional<UUID> room = roomId(socket, frame);
        if (room.isEmpty()) {
            return;
        }
        UUID to;
        try {
            to = UUID.fromString(frame.path("to").asString(""));
        } catch (IllegalArgumentException e) {
            refuse(socket, "bad_request", "to must be a user id.");
            return;
        }
        JsonNode data = frame.path("data");
        String type = data.path("type").asString("");
        boolean wellFormed = data.isObject() && switch (type) {
            case "offer", "answer" -> data.path("sdp").isString() && !data.path("sdp").asString().isBlank();
            case "candidate" -> data.path("candidate").isObject();
            case "bye", "ready" -> true;
            default -> false;
        };
        if (!wellFormed) {
            refuse(socket, "bad_request", "data must be an offer or answer with sdp, a candidate, or bye.");
            return;
        }
        if (!socket.subscriptions.containsKey(room.get())) {
            refuse(socket, "not_subscribed", "Subscribe to the room before signalling in it.");
            return;
        }
        try {
            limiter.acquire("ws:signal:" + socket.id(), SIGNAL_RATE, "Too many signals.");
        } catch (ApiException e) {
            refuse(socket, "rate_limited", "Too many signals: slow down.");
            return;
        }
        Signal signal = new Signal(room.get(), socket.user().id(), to, type,
                data.path("sdp").isString() ? data.path("sdp").asString() : null, json.writeValueAsString(data));
        Optional<String> refusal = gate.refusal(signal);
        if (refusal.isPresent()) {
            refuse(socket, "signal_refused", refusal.get());
            return;
        }
        if (signals.isLarge(signal)) {
            // per user, not per socket: what bounds the spill rows one account can make is that its sockets share this
            try {
                limiter.acquire("ws:large-signal:" + socket.user().id(), largeSignalRate, "Too many large signals.");
            } catch (ApiException e) {
                refuse(socket, "rate_limited", "Too many large signals: slow down.");
                return;
            }
        }
        signals.send(signal);
    }

    /**
     * The client's report of whether audio arrives from each speaker it should hear (API addition): counted, so
     * operators see "people can't hear" as a rate, per instance, before anyone complains. No answer is sent.
     */
    private void audioHealth(EventSocket socket, JsonNode frame) {
        Optional<UUID> room = roomId(socket, frame);
        if (room.isEmpty()) {
            return;
        }
        JsonNode peers = frame.path("peers");
        if (!peers.isArray() || peers.size() > 100 || !socket.subscriptions.containsKey(room.get())) {
            refuse(socket, "bad_request", "audio.health needs a room you are subscribed to and peers: [{userId, receiving}] (at most 100).");
            return;
        }
        for (JsonNode peer : peers) {
            (peer.path("receiving").asBoolean(false) ? audioReceiving : audioMissing).increment();
        }
    }

    /** A signal heard from any instance: to the recipient's sockets here that are subscribed to the room. */
    private void deliver(Signal signal) {
        Set<EventSocket> mine = byUser.get(signal.to());
        if (mine == null) {
            return;
        }
        String frame = "{\"op\":\"signal\",\"roomId\":\"" + signal.roomId() + "\",\"from\":\"" + signal.from() + "\",\"data\":"
                + signal.data() + "}";
        mine.stream().filter(s -> s.subscriptions.containsKey(signal.roomId())).forEach(s -> s.send(frame));
    }

    /** A personal notice heard from any instance: to every socket of its recipient here, subscribed or not. */
    private void deliverNotice(UUID userId, String notice) {
        Set<EventSocket> mine = byUser.get(userId);
        if (mine != null) {
            String frame = "{\"op\":\"notice\",\"notice\":" + notice + "}";
            mine.forEach(s -> s.send(frame));
        }
    }

    /** Closed with 4401 like an expired token: the client's refresh is refused while the account is suspended. */
    private void closeSocketsOf(UUID userId) {
        Set<EventSocket> mine = byUser.get(userId);
        if (mine != null) {
            mine.forEach(s -> s.closeWhenSent(EventSocket.ACCOUNT_STOPPED));
        }
    }

    private void unsubscribed(Subscription subscription) {
        fanout.unregister(subscription);
        publisher.publishEvent(new SocketUnsubscribed(subscription.roomId, subscription.userId(), lease.id()));
    }

    private Optional<UUID> roomId(EventSocket socket, JsonNode frame) {
        try {
            return Optional.of(UUID.fromString(frame.path("roomId").asString("")));
        } catch (IllegalArgumentException e) {
            refuse(socket, "bad_request", "roomId must be a room id.");
            return Optional.empty();
        }
    }

    private void refuse(EventSocket socket, String code, String message) {
        socket.send(error(code, message));
        if (socket.badFrames.incrementAndGet() > properties.maxBadFrames()) {
            socket.close(CloseStatus.POLICY_VIOLATION.withReason("too many bad frames"));
        }
    }

    private String error(String code, String message) {
        return json.writeValueAsString(Map.of("op", "error", "code", code, "message", message));
    }

    /** Closes every socket of this instance, as on shutdown: the clients resume on another instance. */
    void closeAll(CloseStatus status) {
        sockets.values().forEach(socket -> socket.close(status));
    }

    int openSockets() {
        return sockets.size();
    }

    /** Pings every socket now and then, and lets go of those from which nothing has been heard for too long. */
    @Scheduled(fixedDelay = 1000)
    void pingOrDropSilent() {
        long idleNanos = limits.idleTimeout().toNanos();
        sockets.values().forEach(s -> s.pingOrCloseIfSilent(idleNanos));
    }

    /** Sockets whose token has expired, and not been extended with {@code auth}, are closed with 4401. */
    @Scheduled(fixedDelay = 5000)
    void closeExpired() {
        var now = clock.instant();
        sockets.values().stream().filter(s -> s.user().expiresAt().isBefore(now)).forEach(s -> s.close(EventSocket.TOKEN_EXPIRED));
    }
}
