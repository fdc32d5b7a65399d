package dev.tribune.events;

import dev.tribune.accounts.AuthenticatedUser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client's socket: who it is, its subscriptions, and a bounded outbox drained by a virtual thread of its own
 * (parked while the outbox is empty: a few hundred bytes of stack, no platform thread), so a client that reads
 * slowly fills only its own outbox and is then closed with 4408; it never holds up the room's fan-out. The outbox
 * is bounded in frames and in characters: frames are shared between sockets, but a stalled socket keeps alive every
 * frame it has not been sent, so its bound in bytes is what caps the memory it can pin.
 */
final class EventSocket {

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired: reconnect with a fresh one");
    static final CloseStatus ACCOUNT_STOPPED = new CloseStatus(4401, "account suspended: its tokens are refused");
    static final CloseStatus TOO_SLOW = new CloseStatus(4408, "too slow: reconnect and resume with since");
    static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("frames are at most 64 KB");
    /** The largest client frame accepted, in characters. */
    static final int MAX_FRAME_CHARS = 64 * 1024;
    static final CloseStatus SILENT = CloseStatus.GOING_AWAY.withReason("nothing heard, not even an answer to pings");
    /** Wakes the sender to let it end; never sent. */
    private static final WebSocketMessage<?> STOP = new TextMessage("");
    private static final PingMessage PING = new PingMessage(ByteBuffer.allocate(0));
    /** In the outbox: close once everything before it is sent. */
    private static final WebSocketMessage<?> CLOSE_WHEN_SENT = new TextMessage("");

    private volatile CloseStatus closeStatusWhenSent;
    private final WebSocketSession session;
    private volatile AuthenticatedUser user;
    private final BlockingQueue<WebSocketMessage<?>> outbox;
    private final int outboxFrames;
    private final long maxQueuedChars;
    private final AtomicLong queuedChars = new AtomicLong();
    final Map<UUID, Subscription> subscriptions = new ConcurrentHashMap<>();
    final AtomicInteger badFrames = new AtomicInteger();
    private volatile boolean closed;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private final Runnable onTooSlow;
    /** The parts of a frame that arrived in pieces, only while one does (most fit in the container's buffer). */
    private StringBuilder partial;

    EventSocket(WebSocketSession session, AuthenticatedUser user, int outboxFrames, long maxQueuedChars, Runnable onTooSlow) {
        this.session = session;
        this.onTooSlow = onTooSlow;
        this.user = user;
        this.outboxFrames = outboxFrames;
        this.maxQueuedChars = maxQueuedChars;
        // room beyond the frames allowed for a ping and for STOP
        this.outbox = new ArrayBlockingQueue<>(outboxFrames + 2);
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

    /** Queues a frame; a full outbox (in frames or in characters) means the client cannot keep up, and it is let go. */
    void send(String frame) {
        if (closed) {
            return;
        }
        boolean fits = queuedChars.addAndGet(frame.length()) <= maxQueuedChars && outbox.size() < outboxFrames
                && outbox.offer(new TextMessage(frame));
        if (!fits) {
            onTooSlow.run();
            // the close frame reaches the client only if its connection drains; either way the connection ends
            close(TOO_SLOW);
        }
    }

    /**
     * Joins a client frame that arrives in parts: the whole frame once its last part is here, else null. A frame
     * over {@link #MAX_FRAME_CHARS} closes the socket (1009). Called by one thread at a time (the session's reader).
     */
    String assemble(String part, boolean last) {
        if (partial == null && last) {
            return part.length() > MAX_FRAME_CHARS ? tooBig() : part;
        }
        if (partial == null) {
            partial = new StringBuilder(Math.min(MAX_FRAME_CHARS, part.length() * 2));
        }
        partial.append(part);
        if (partial.length() > MAX_FRAME_CHARS) {
            return tooBig();
        }
        if (!last) {
            return null;
        }
        String frame = partial.toString();
        partial = null;
        return frame;
    }

    private String tooBig() {
        partial = null;
        close(TOO_BIG);
        return null;
    }

    /** Anything from the client (a frame, a pong) shows the connection is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /**
     * Closes the socket if nothing has been heard for {@code idleNanos}; otherwise, every third of that, sends a
     * protocol ping (browsers and WebSocket libraries answer it by themselves, whatever the page does) through the
     * outbox, since a session takes one sender at a time.
     */
    void pingOrCloseIfSilent(long idleNanos) {
        long now = System.nanoTime();
        if (now - lastHeardNanos > idleNanos) {
            close(SILENT);
        } else if (!closed && now - lastPingNanos >= idleNanos / 3) {
            lastPingNanos = now;
            outbox.offer(PING);
        }
    }

    /** Closes once the frames already queued have been sent (a last notice, then the close). */
    void closeWhenSent(CloseStatus status) {
        if (closed) {
            return;
        }
        closeStatusWhenSent = status;
        if (!outbox.offer(CLOSE_WHEN_SENT)) {
            close(status);
        }
    }

    void close(CloseStatus status) {
        if (closed) {
            return;
        }
        closed = true;
        outbox.clear();
        outbox.offer(STOP);
        try {
            session.close(status);
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    /** The connection ended (however it ended): stop the sender. */
    void ended() {
        if (!closed) {
            closed = true;
            outbox.clear();
            outbox.offer(STOP);
        }
    }

    boolean isClosed() {
        return closed || !session.isOpen();
    }

    private void drain() {
        try {
            while (!closed) {
                WebSocketMessage<?> message = outbox.take();
                if (message == STOP || closed) {
                    return;
                }
                if (message == CLOSE_WHEN_SENT) {
                    close(closeStatusWhenSent);
                    return;
                }
                if (message instanceof TextMessage text) {
                    queuedChars.addAndGet(-text.getPayload().length());
                }
                session.sendMessage(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the connection broke while sending: close it, so that it is let go (and its place freed) at once
            close(CloseStatus.SERVER_ERROR.withReason("send failed"));
        }
    }
}
