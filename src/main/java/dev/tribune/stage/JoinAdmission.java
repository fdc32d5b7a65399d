package dev.tribune.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Admits joins in the order they arrived when they come faster than this instance can run them (issue 16, "join
 * storms"), instead of letting them pile up on the database pool and fail with 503 after its timeout.
 *
 * <p>At most {@code tribune.rooms.joins.in-flight} joins run at once. Every other join takes a place at the back of
 * one line (per instance, across rooms: the pool they would wait on is shared too). It waits inside the request for
 * up to {@code max-wait} if its turn should come by then, judged from the places ahead of it and how long joins
 * take (Little's law: {@code in-flight} joins at a time, each taking the moving average of the last ones); a little
 * longer, up to 3 times, if its turn is still near then, since sending it away would leave its place empty at the
 * front. Otherwise, or past {@code max-queue} waiting requests, it is answered 429 {@code /problems/join-queued} with
 * {@code Retry-After}, its {@code position} and a {@code queueToken}. Sending the token back with the join takes up
 * the same place again. {@code Retry-After} is meant to bring the caller back a little before its turn, so that it
 * is waiting inside the service when the turn comes and no capacity stands idle.
 *
 * <p>Turns go in line order among those here. A place whose holder has gone away to come back after
 * {@code Retry-After} holds up nobody (a slot never stands idle while someone waits), and keeps its place, so that
 * when its holder is back it goes before everyone who came later, until its token expires, after twice
 * {@code Retry-After} plus {@code max-wait} plus 30 s. A user holds one place per room: joining again without the
 * token (a reloaded page) finds the same place; a token of someone else, of another room, expired or made up is
 * ignored, so the join is an arrival like any other.
 *
 * <p>Times here are durations on the monotonic clock ({@link System#nanoTime()}), never wall-clock instants: a
 * wait must not stretch or shrink when the system clock is set.
 */
@Component
class JoinAdmission {

    /** What a join is taken to last before any has been timed: on the slow side, so early estimates err early. */
    private static final long FIRST_GUESS_NANOS = Duration.ofMillis(50).toNanos();
    /** The weight of the latest join in the moving average of how long joins take. */
    private static final double SMOOTHING = 0.1;
    /** A place given up is no loss to anyone else (a late one holds up nobody): keep it a good while. */
    private static final long TOKEN_SLACK_NANOS = Duration.ofSeconds(30).toNanos();
    private static final long SECOND_NANOS = Duration.ofSeconds(1).toNanos();
    /** However long the line: an estimate that far out is a guess, and a holder back early costs one quick 429. */
    private static final long MOST_RETRY_SECONDS = 10;

    private final int inFlight;
    private final long maxWaitNanos;
    private final int maxQueue;
    private final ReentrantLock lock = new ReentrantLock();
    /** Places in arrival order, by token: a place never moves, it only leaves (admitted, or expired). */
    private final LinkedHashMap<String, Place> line = new LinkedHashMap<>();
    private final Map<Holder, Place> places = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Counter admitted;
    private final Counter queued;
    private final Timer waited;
    private final Timer joined;
    private final Timer sentAway;
    private final Timer failed;
    private int running;
    private int waiting;
    private double joinNanos = FIRST_GUESS_NANOS;
    private long secondStarted = System.nanoTime();
    private int finishedThisSecond;
    private int finishedLastSecond;

    JoinAdmission(JoinAdmissionProperties settings, MeterRegistry meters) {
        this.inFlight = settings.inFlight();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.maxQueue = settings.maxQueue();
        this.admitted = Counter.builder("tribune.joins.admitted").description("joins let through to run").register(meters);
        this.queued = Counter.builder("tribune.joins.queued").description("joins answered 429 /problems/join-queued")
                .register(meters);
        this.waited = Timer.builder("tribune.joins.wait").description("from a join's first arrival to its admission")
                .register(meters);
        this.joined = latency(meters, "joined");
        this.sentAway = latency(meters, "queued");
        this.failed = latency(meters, "failed");
        gauge(meters, "tribune.joins.line", "places in line, waiting inside the service or coming back", line::size);
        gauge(meters, "tribune.joins.waiting", "joins waiting inside the service for their turn", () -> waiting);
        gauge(meters, "tribune.joins.running", "joins running", () -> running);
    }

    /** A join request end to end, its wait in line included: what the person tapping "join" waits for. */
    private static Timer latency(MeterRegistry meters, String outcome) {
        return Timer.builder("tribune.joins.latency").tag("outcome", outcome)
                .description("a join request from arrival to answer: joined, queued (429) or failed")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    private void gauge(MeterRegistry meters, String name, String description, IntSupplier value) {
        Gauge.builder(name, this, admission -> admission.read(value)).description(description).register(meters);
    }

    private double read(IntSupplier value) {
        lock.lock();
        try {
            return value.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code join} when its turn comes, or throws {@link JoinQueued} when that would take too long. */
    <T> T admit(UUID userId, UUID roomId, String queueToken, Supplier<T> join) {
        long arrived = System.nanoTime();
        Timer outcome = failed;
        try {
            awaitTurn(new Holder(userId, roomId), queueToken);
            long started = System.nanoTime();
            try {
                T result = join.get();
                outcome = joined;
                return result;
            } finally {
                finished(System.nanoTime() - started);
            }
        } catch (JoinQueued e) {
            outcome = sentAway;
            throw e;
        } finally {
            outcome.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
        }
    }

    private void awaitTurn(Holder holder, String token) {
        lock.lock();
        try {
            long now = System.nanoTime();
            Place place = placeOf(holder, token, now);
            if (place.turn != null) {
                // the same user's other request for this room (a second tab) is waiting on this place already
                throw answerQueued(place, now);
            }
            place.turn = lock.newCondition();
            place.evicted = false;
            grant(now);
            if (place.admitted) {
                return;
            }
            if (!soon(place) || !roomToWait(place)) {
                place.turn = null;
                throw answerQueued(place, now);
            }
            waiting++;
            try {
                long parked = now;
                long deadline = now + maxWaitNanos;
                while (!place.admitted && !place.evicted) {
                    if (deadline - now <= 0) {
                        // sent away now, its place would stand empty at the front for a second at least, holding
                        // up everyone behind it: while its turn is still near, it waits on (to 3 times max-wait)
                        if (!soon(place) || now - parked >= 3 * maxWaitNanos) {
                            break;
                        }
                        deadline = Math.min(now + maxWaitNanos, parked + 3 * maxWaitNanos);
                    }
                    place.turn.awaitNanos(deadline - now);
                    now = System.nanoTime();
                    grant(now);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (!place.evicted) {
                    waiting--;
                }
            }
            if (place.admitted) {
                return;
            }
            place.turn = null;
            throw answerQueued(place, now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@code place} may wait inside the service: while {@code max-queue} are waiting, only by sending away the
     * last of them, if that one is behind it. Those waiting are always the first in line who are here, so that the
     * front of the line is never away while someone behind it waits.
     */
    private boolean roomToWait(Place place) {
        if (waiting < maxQueue) {
            return true;
        }
        for (Place last : line.sequencedValues().reversed()) {
            if (last == place) {
                return false;
            }
            if (last.turn != null && !last.evicted) {
                last.evicted = true;
                waiting--;
                last.turn.signal();
                return true;
            }
        }
        return false;
    }

    /**
     * Joins finished in the last whole second: under a storm, joins batched together each take long while many finish
     * at once, so the time one takes overstates the wait (told to come back a minute later, the line stood idle).
     */
    private void countFinished(long now) {
        if (now - secondStarted >= SECOND_NANOS) {
            finishedLastSecond = now - secondStarted < 2 * SECOND_NANOS ? finishedThisSecond : 0;
            finishedThisSecond = 0;
            secondStarted = now;
        }
        finishedThisSecond++;
    }

    private void finished(long tookNanos) {
        lock.lock();
        try {
            running--;
            joinNanos += SMOOTHING * (tookNanos - joinNanos);
            countFinished(System.nanoTime());
            grant(System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /** The caller's place: the one its token names, else the one it already holds in the room, else a new one. */
    private Place placeOf(Holder holder, String token, long now) {
        line.values().removeIf(place -> {
            boolean expired = place.expired(now);
            if (expired) {
                places.remove(place.holder, place);
            }
            return expired;
        });
        Place place = token == null ? null : line.get(token);
        if (place == null || !place.holder.equals(holder)) {
            place = places.get(holder);
        }
        if (place == null) {
            place = new Place(newToken(), holder, now);
            line.put(place.token, place);
            places.put(holder, place);
        }
        return place;
    }

    /**
     * Lets places in while there is room, in line order among those here: a place whose holder is away (told to come
     * back) is passed over, never waited for, and goes before everyone behind it as soon as it is back. Waiting for
     * absent holders left every slot idle in a 10,000-join storm (the fan-out bench: 6 joins a second, the line
     * standing behind holders told to come back a second later).
     */
    private void grant(long now) {
        Iterator<Place> front = line.values().iterator();
        while (running < inFlight && front.hasNext()) {
            Place place = front.next();
            if (place.turn != null) {
                front.remove();
                places.remove(place.holder, place);
                place.admitted = true;
                running++;
                admitted.increment();
                waited.record(now - place.arrivedAt, TimeUnit.NANOSECONDS);
                place.turn.signal();
            } else if (place.expired(now)) {
                front.remove();
                places.remove(place.holder, place);
            }
            // else away: it keeps its place until it expires, and holds up nobody meanwhile
        }
    }

    private int ahead(Place place) {
        int ahead = 0;
        for (Place other : line.values()) {
            if (other == place) {
                return ahead;
            }
            ahead++;
        }
        throw new IllegalStateException("a place asked about is in line");
    }

    /**
     * Whether the place's turn should come within {@code max-wait}; or whether it has not moved since it was last
     * answered, when a second answer with the same position would tell its holder nothing: it waits for news.
     */
    private boolean soon(Place place) {
        int ahead = ahead(place);
        return wait(ahead) <= maxWaitNanos || ahead + 1 >= place.lastPosition;
    }

    /** How long until a place with this many ahead of it gets its turn, with every running slot busy. */
    private long wait(int ahead) {
        return (long) ((ahead + 1) * Math.min(joinNanos / inFlight, SECOND_NANOS / Math.max(1.0, finishedLastSecond)));
    }

    /**
     * The 429 for a place whose holder goes away: come back a little before the turn should come (half of
     * {@code max-wait} early, rounded down to whole seconds, at least one), so as to be waiting inside the service
     * when it does. Coming back early costs one more quick 429; coming back late leaves the line standing.
     */
    private JoinQueued answerQueued(Place place, long now) {
        int ahead = ahead(place);
        long retrySeconds = Math.clamp((wait(ahead) - maxWaitNanos / 2) / SECOND_NANOS, 1, MOST_RETRY_SECONDS);
        long retry = retrySeconds * SECOND_NANOS;
        place.expiresAt = now + 2 * retry + maxWaitNanos + TOKEN_SLACK_NANOS;
        place.lastPosition = ahead + 1;
        queued.increment();
        return new JoinQueued(ahead + 1, place.token, Duration.ofSeconds(retrySeconds));
    }

    private String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record Holder(UUID userId, UUID roomId) {
    }

    /** A place in line. Guarded by {@link #lock}. */
    private static final class Place {

        final String token;
        final Holder holder;
        final long arrivedAt;
        /** Set while a request waits on this place; the grant signals it. */
        Condition turn;
        boolean admitted;
        /** Its request was sent away to make room for someone ahead of it ({@link #roomToWait}). */
        boolean evicted;
        /** The position its holder was last told. */
        int lastPosition = Integer.MAX_VALUE;
        /** While its holder is away: when the place is given up. */
        long expiresAt;

        Place(String token, Holder holder, long arrivedAt) {
            this.token = token;
            this.holder = holder;
            this.arrivedAt = arrivedAt;
            this.expiresAt = arrivedAt + TOKEN_SLACK_NANOS;
        }

        boolean expired(long now) {
            return turn == null && now - expiresAt >= 0;
        }
    }
}
