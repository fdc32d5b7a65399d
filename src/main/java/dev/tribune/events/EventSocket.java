package dev.tribune.events;

import dev.tribune.accounts.AuthenticatedUser;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client's socket: who it is, its subscriptions, and a bounded outbox drained by a sender thread of its own,
 * so a client that reads slowly fills only its own outbox and is then closed with 4408; it never holds up the
 * room's fan-out.
 */
final class EventSocket {

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired: reconnect with a fresh one");
    static final CloseStatus TOO_SLOW = new CloseStatus(4408, "too slow: reconnect and resume with since");

    private final WebSocketSession session;
    private volatile AuthenticatedUser user;
    private final BlockingQueue<String> outbox;
    final Map<UUID, Subscription> subscriptions = new ConcurrentHashMap<>();
    final AtomicInteger badFrames = new AtomicInteger();
    private volatile boolean closed;
    private final Runnable onTooSlow;

    EventSocket(WebSocketSession session, AuthenticatedUser user, int outboxSize, Runnable onTooSlow) {
        this.session = session;
        this.onTooSlow = onTooSlow;
        this.user = user;
        this.outbox = new ArrayBlockingQueue<>(outboxSize);
        Thread.ofVirtual().name("ws-send-" + session.getId()).start(this::drain);
    }

    AuthenticatedUser user() {
        return user;
    }

    void extend(AuthenticatedUser fresh) {
        this.user = fresh;
    }

    String id() {
        return session.getId();
    }

    /** Queues a frame; a full outbox means the client cannot keep up, and it is let go. */
    void send(String frame) {
        if (closed) {
            return;
        }
        if (!outbox.offer(frame)) {
            onTooSlow.run();
            // the close frame reaches the client only if its connection drains; either way the connection ends
            close(TOO_SLOW);
        }
    }

    void close(CloseStatus status) {
        if (closed) {
            return;
        }
        closed = true;
        outbox.clear();
        try {
            session.close(status);
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    boolean isClosed() {
        return closed || !session.isOpen();
    }

    private void drain() {
        try {
            while (!isClosed()) {
                String frame = outbox.poll(1, TimeUnit.SECONDS);
                if (frame != null && !closed) {
                    session.sendMessage(new TextMessage(frame));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            closed = true;
        }
    }
}
