package dev.tribune.notifications;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The notifications executor: its own threads, apart from request threads and the room event path, that expand
 * broadcasts and dispatch pushes. They wake when a transaction that queued work commits here, and every
 * poll-interval for work queued on other instances or come due (a retry). Stopped with the context (and while a test
 * context is paused), so only running instances take work.
 */
@Component
class NotificationWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationWorkers.class);

    private final BroadcastExpander expander;
    private final PushDispatcher dispatcher;
    private final PushSender sender;
    private final NotificationProperties properties;
    private final Object bell = new Object();
    private long rings;
    private volatile boolean running;
    private ExecutorService executor;

    NotificationWorkers(BroadcastExpander expander, PushDispatcher dispatcher, PushSender sender, NotificationProperties properties) {
        this.expander = expander;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.properties = properties;
    }

    /** In a transaction: the workers look for work as soon as it commits (never if it rolls back). */
    void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    void wake() {
        synchronized (bell) {
            rings++;
            bell.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        int pushWorkers = sender.enabled() ? properties.push().workers() : 0;
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(1 + pushWorkers,
                r -> Thread.ofPlatform().daemon().name("tribune-notifications-" + n.incrementAndGet()).unstarted(r));
        executor.execute(() -> loop("broadcasts", expander::expandPending));
        for (int i = 0; i < pushWorkers; i++) {
            executor.execute(() -> loop("push", dispatcher::dispatchOnce));
        }
    }

    private void loop(String what, IntSupplier pass) {
        long seen = -1;
        while (running) {
            int done = 0;
            try {
                done = pass.getAsInt();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Notifications worker ({}) failed a pass: {}", what, e.toString());
                }
            }
            if (done > 0) {
                if (what.equals("broadcasts")) {
                    wake(); // the pushes it queued
                }
                continue;
            }
            seen = await(seen, properties.pollInterval());
        }
    }

    private long await(long seen, Duration at) {
        synchronized (bell) {
            if (rings == seen) {
                try {
                    bell.wait(Math.max(1, at.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            return rings;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
