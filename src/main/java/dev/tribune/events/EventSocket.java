package dev.tribune.events;

import dev.tribune.accounts.AuthenticatedUser;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * One client's socket: who it is, its subscriptions, and a bounded outbox written with the container's
 * non-blocking send. No thread belongs to a socket: whoever queues a frame to an idle socket writes it at once (the
 * room's pump, usually: the write does not wait for the network), and when a write completes later, the container's
 * thread that learns of it writes the next. An idle socket therefore costs a few small objects, and a client that
 * reads slowly fills only its own outbox and is then closed with 4408; it never holds up the room's fan-out. The
 * outbox is bounded in frames and in characters: frames are shared between sockets, but a stalled socket keeps alive
 * every frame it has not been sent, so its bound in bytes is what caps the memory it can pin.
 */
final class EventSocket {

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired: reconnect with a fresh one");
    static final CloseStatus ACCOUNT_STOPPED = new CloseStatus(4401, "account suspended or deleted: its tokens are refused");
    static final CloseStatus TOO_SLOW = new CloseStatus(4408, "too slow: reconnect and resume with since");
    static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("frames are at most 64 KB");
    /** The largest client frame accepted, in characters. */
    static final int MAX_FRAME_CHARS = 64 * 1024;
    static final CloseStatus SILENT = CloseStatus.GOING_AWAY.withReason("nothing heard, not even an answer to pings");
    static final CloseStatus SEND_FAILED = CloseStatus.SERVER_ERROR.withReason("send failed");
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0);

    private final WebSocketSession session;
    private final RemoteEndpoint.Async remote;
    private volatile AuthenticatedUser user;
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    /** Held by whoever is writing the outbox: at most one write per session is in flight (the container's rule). */
    private final AtomicBoolean writing = new AtomicBoolean();
    private final int outboxFrames;
    private final long maxQueuedChars;
    final Map<UUID, Subscription> subscriptions = new ConcurrentHashMap<>();
    final AtomicInteger badFrames = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CloseStatus closeWhenSent;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private final Runnable onTooSlow;
    /** The parts of a frame that arrived in pieces, only while one does (most fit in the container's buffer). */
    private StringBuilder partial;

    EventSocket(WebSocketSession session, AuthenticatedUser user, int outboxFrames, long maxQueuedChars, Runnable onTooSlow) {
        this.session = session;
        this.remote = asyncRemote(session);
        this.onTooSlow = onTooSlow;
        this.user = user;
        this.outboxFrames = outboxFrames;
        this.maxQueuedChars = maxQueuedChars;
    }

    private static RemoteEndpoint.Async asyncRemote(WebSocketSession session) {
        Session jakarta = session instanceof NativeWebSocketSession nativeSession ? nativeSession.getNativeSession(Session.class) : null;
        if (jakarta == null) {
            throw new IllegalStateException("/ws needs a Jakarta WebSocket container (Tomcat, Jetty): got " + session.getClass().getName());
        }
        return jakarta.getAsyncRemote();
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
        if (closed.get() || closeWhenSent != null) {
            return;
        }
        boolean fits = queuedChars.addAndGet(frame.length()) <= maxQueuedChars && queuedFrames.incrementAndGet() <= outboxFrames;
        if (!fits) {
            onTooSlow.run();
            // the close frame reaches the client only if its connection drains; either way the connection ends
            close(TOO_SLOW);
            return;
        }
        outbox.add(frame);
        if (writing.compareAndSet(false, true)) {
            write();
        }
    }

    /**
     * Writes queued frames until the outbox is empty or a write has to wait for the network; the caller holds
     * {@link #writing}. A write that completes before {@code sendText} returns is followed by the next one in this
     * loop; one that completes later continues the loop from the container's completion thread, so the stack never
     * grows with the outbox.
     */
    private void write() {
        while (true) {
            String frame = outbox.poll();
            if (frame == null || closed.get()) {
                writing.set(false);
                // a frame queued between the poll and the release would otherwise wait for the next send
                if (frame == null && !outbox.isEmpty() && !closed.get() && writing.compareAndSet(false, true)) {
                    continue;
                }
                if (frame == null && closeWhenSent != null && outbox.isEmpty()) {
                    close(closeWhenSent);
                }
                return;
            }
            queuedFrames.decrementAndGet();
            queuedChars.addAndGet(-frame.length());
            Completion completion = new Completion();
            try {
                remote.sendText(frame, completion);
            } catch (RuntimeException e) {
                // the session closed under us (IllegalStateException) or the container refused the frame
                writing.set(false);
                close(SEND_FAILED);
                return;
            }
            if (!completion.returned()) {
                // already complete (on this thread, or very fast on another): the loop takes the next frame
                if (!completion.ok) {
                    writing.set(false);
                    close(SEND_FAILED);
                    return;
                }
                continue;
            }
            return;
        }
    }

    /**
     * Who continues after a write: the writer, if the write completed before {@code sendText} returned; otherwise
     * the completion, on the container's thread. Decided by one compare-and-set, so exactly one of them goes on.
     */
    private final class Completion extends AtomicInteger implements SendHandler {

        private static final int PENDING = 0;
        private static final int COMPLETED_FIRST = 1;
        private static final int RETURNED_FIRST = 2;
        private volatile boolean ok = true;

        @Override
        public void onResult(SendResult result) {
            ok = result.isOK();
            if (compareAndSet(PENDING, COMPLETED_FIRST)) {
                return;
            }
            if (!ok) {
                writing.set(false);
                close(SEND_FAILED);
            } else {
                write();
            }
        }

        /** Whether sendText returned before the write completed (the completion then continues the loop). */
        boolean returned() {
            return compareAndSet(PENDING, RETURNED_FIRST);
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
     * protocol ping (browsers and WebSocket libraries answer it by themselves, whatever the page does). The ping is
     * a blocking call of the container's, so it runs on a virtual thread of its own: a stalled connection holds up
     * only its ping, until the container's send timeout ends it.
     */
    void pingOrCloseIfSilent(long idleNanos) {
        long now = System.nanoTime();
        if (now - lastHeardNanos > idleNanos) {
            close(SILENT);
        } else if (!closed.get() && now - lastPingNanos >= idleNanos / 3) {
            lastPingNanos = now;
            Thread.startVirtualThread(() -> {
                try {
                    remote.sendPing(NO_DATA.duplicate());
                } catch (IOException | RuntimeException e) {
                    close(SEND_FAILED);
                }
            });
        }
    }

    /** Closes once the frames already queued have been sent (a last notice, then the close). */
    void closeWhenSent(CloseStatus status) {
        if (closed.get()) {
            return;
        }
        closeWhenSent = status;
        if (writing.compareAndSet(false, true)) {
            write();
        }
    }

    /**
     * Closes the connection. The close frame is written by a virtual thread: the container writes it blocking, and
     * the caller may be a room's pump that must never wait for one slow client.
     */
    void close(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outbox.clear();
        Thread.startVirtualThread(() -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        });
    }

    /** The connection ended (however it ended): nothing more is sent. */
    void ended() {
        if (closed.compareAndSet(false, true)) {
            outbox.clear();
        }
    }

    boolean isClosed() {
        return closed.get() || !session.isOpen();
    }
}
