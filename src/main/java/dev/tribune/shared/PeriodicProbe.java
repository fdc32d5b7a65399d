package dev.tribune.shared;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A check that runs on a daemon thread of its own, once at start and then every {@code interval}, so that health
 * calls only read its last verdict and never wait on what it checks (the database, a vendor).
 */
public final class PeriodicProbe {

    private final String name;
    private final Duration interval;
    private final Runnable probe;
    private volatile ScheduledExecutorService thread;

    public PeriodicProbe(String name, Duration interval, Runnable probe) {
        this.name = name;
        this.interval = interval;
        this.probe = probe;
    }

    /** Runs the first probe on the caller's thread, so a verdict exists before anything is served. */
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, name);
            daemon.setDaemon(true);
            return daemon;
        });
        probe.run();
        long every = interval.toMillis();
        thread.scheduleWithFixedDelay(probe, every, every, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ScheduledExecutorService running = thread;
        thread = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return thread != null;
    }
}
