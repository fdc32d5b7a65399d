package dev.tribune.events;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The shutdown order a client can live with: the web server stops accepting connections (its graceful shutdown
 * phase), then every socket is closed with 1001 "going away" so its client reconnects at once, to another instance
 * behind the load balancer, and resumes with {@code since}; in-flight requests drain; only after all of that do the
 * pool and the embedded database stop (they are beans, destroyed after every lifecycle phase).
 */
@Component
class SocketsClosedOnShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketsClosedOnShutdown.class);
    static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY.withReason("server shutting down: reconnect");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final EventSocketHandler sockets;
    private volatile boolean running;

    SocketsClosedOnShutdown(EventSocketHandler sockets) {
        this.sockets = sockets;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int open = sockets.openSockets();
        sockets.closeAll(GOING_AWAY);
        // each close runs its socket's unsubscribe (presence keeps the seat for the grace): wait for those to finish
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (sockets.openSockets() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("Closed {} sockets for shutdown ({} still closing)", open, sockets.openSockets());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Between the web server's graceful shutdown (stops accepting) and the web server's stop. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;
    }
}
