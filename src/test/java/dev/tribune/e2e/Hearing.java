package dev.tribune.e2e;

import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * What one person's page hears from another, judged from the page's own getStats (RoomPage), the same way for
 * every provider: audio arriving (bytes growing, a level above silence), audio arriving again after an outage, and
 * audio stopped.
 */
public final class Hearing {

    /** How long nothing may arrive before a speaker counts as silent. */
    static final Duration QUIET = Duration.ofSeconds(1);

    private Hearing() {
    }

    /** Within {@code within}, audio from {@code speaker} arrives at {@code listener}, and keeps arriving, above silence. */
    public static void hears(RoomPage listener, String speaker, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> listener.bytesFrom(speaker) > 0);
        long before = listener.bytesFrom(speaker);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                listener.bytesFrom(speaker) > before + 1000
                        && listener.from(speaker).map(RoomPage.Inbound::audioLevel).orElse(0.0) > 0);
    }

    /** Within {@code within}, audio from {@code speaker} is growing again (counters may restart with a new connection). */
    public static void hearsAgain(RoomPage listener, String speaker, Duration within) {
        long[] last = {listener.bytesFrom(speaker)};
        Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long now = listener.bytesFrom(speaker);
            boolean growing = now > last[0] + 1000;
            last[0] = now;
            return growing;
        });
    }

    /**
     * Within {@code within}, {@code listener} stops hearing {@code speaker}: nothing more has arrived for {@link #QUIET}.
     * Returns when that silence began, measured from the call (for the figures the tests print).
     */
    public static Duration stopsHearing(RoomPage listener, String speaker, Duration within) {
        long start = System.nanoTime();
        long[] last = {listener.bytesFrom(speaker)};
        long[] changedAt = {start};
        Awaitility.await().atMost(within.plus(QUIET)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = listener.bytesFrom(speaker);
            if (now != last[0]) {
                last[0] = now;
                changedAt[0] = System.nanoTime();
            }
            return System.nanoTime() - changedAt[0] >= QUIET.toNanos();
        });
        Duration silentAfter = Duration.ofNanos(changedAt[0] - start);
        if (silentAfter.compareTo(within) > 0) {
            throw new AssertionError("audio from " + speaker + " went on for " + silentAfter.toMillis() + " ms, more than " + within.toMillis() + " ms");
        }
        return silentAfter;
    }

    /** For all of {@code period}, nothing more arrives from {@code speaker} at {@code listener}. */
    public static void staysSilent(RoomPage listener, String speaker, Duration period) {
        long base = listener.bytesFrom(speaker);
        Awaitility.await().during(period).atMost(period.plusSeconds(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> listener.bytesFrom(speaker) <= base);
    }

    /** For all of {@code period}, nothing at all arrives from {@code speaker} at any of {@code listeners}. */
    public static void nobodyHears(String speaker, Duration period, RoomPage... listeners) {
        Awaitility.await().during(period).atMost(period.plusSeconds(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (RoomPage listener : listeners) {
                if (listener.bytesFrom(speaker) > 0) {
                    return false;
                }
            }
            return true;
        });
    }
}
