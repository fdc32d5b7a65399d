package dev.tribune.stage;

import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomProblems;
import dev.tribune.rooms.RoomStatus;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of one room's joins. Every arrival moves the room's row (its counters, its event seq), so arrivals in
 * one room serialise on that row whatever we do; what we choose is how many of them share one trip through it. A
 * join that must be seated queues here and waits, holding no database connection; one writer per room takes every
 * arrival queued at that moment and seats them all in one transaction: the room row taken once, capacity decided in
 * arrival order, the seats in one statement, the counters in one update, the {@code participant.joined} events in one
 * append. Then it answers each waiter and takes the next batch, if any arrived meanwhile. Under low load a batch is
 * one join and nothing waits for a timer; under load the batches grow by themselves (each one gathers what queued
 * while the previous one committed), so the row is taken a few hundred times a second however many join.
 * <p>
 * The writer decides again under the row what the join checked before queueing (the room is still LIVE, the person
 * not banned, whether they are present), so a room ending, a ban or a leave racing a join leaves seats and counters
 * consistent; only the arrivals concerned fail, each with the answer it would have had alone. A batch whose
 * transaction fails fails each of its waiters with that same error (503 when the database is away). A waiter that
 * hears nothing within {@link ArrivalsProperties#answerWithin()} answers 503 with Retry-After: if its batch was still to
 * start it is withdrawn, so nothing was written; if the batch had taken it, it may yet be seated, and joining again
 * answers from that seat.
 * <p>
 * Writers are virtual threads, at most one per room at a time and none for a room nobody is joining. Each instance
 * batches its own joins; instances still take turns on the row.
 */
@Component
class Arrivals implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Arrivals.class);

    private final Seats seats;
    private final RoomEvents events;
    private final TransactionTemplate transactions;
    private final ArrivalsProperties properties;
    private final Clock clock;
    private final Map<UUID, Line> lines = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    Arrivals(Seats seats, RoomEvents events, PlatformTransactionManager transactionManager, ArrivalsProperties properties,
            Clock clock) {
        this.seats = seats;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Someone to seat: {@code capacity} is how many the room's provider holds, {@code full} the answer past it.
     * {@code displayName} goes into their {@code participant.joined}.
     */
    record Arrival(UUID userId, String displayName, int capacity, String full) {
    }

    /** Where an arrival sits once its batch committed, and the room's event seq just after their own event. */
    record Seated(Seats.Seat seat, long roomSeq) {
    }

    /** One waiter: its arrival and the answer it waits for. */
    private record Waiter(Arrival arrival, CompletableFuture<Seated> answer) {
    }

    /** The arrivals of one room waiting for the next batch. Changed only inside {@code lines.compute} for its room. */
    private static final class Line {
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    }

    /** Seats {@code arrival} in the room with the next batch; returns once that batch committed. */
    Seated arrive(UUID roomId, Arrival arrival) {
        Waiter waiter = new Waiter(arrival, new CompletableFuture<>());
        boolean[] first = new boolean[1];
        lines.compute(roomId, (id, line) -> {
            first[0] = line == null;
            Line queued = line == null ? new Line() : line;
            queued.waiting.add(waiter);
            return queued;
        });
        if (first[0]) {
            // a room's line exists exactly while its writer runs: whoever opens the line starts the writer
            try {
                writers.execute(() -> write(roomId));
            } catch (RejectedExecutionException shuttingDown) {
                write(roomId);
            }
        }
        try {
            return waiter.answer().get(properties.answerWithin().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(failed.getCause());
        } catch (TimeoutException late) {
            lines.computeIfPresent(roomId, (id, line) -> {
                line.waiting.remove(waiter);
                return line;
            });
            throw tooSlow();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw tooSlow();
        }
    }

    private static ApiException tooSlow() {
        return new ApiException(ProblemType.SERVICE_UNAVAILABLE, "Joining this room is taking too long right now; try again shortly.",
                List.of(), Duration.ofSeconds(2));
    }

    /** The room's writer: one batch after another until nobody is waiting, then the line closes. */
    private void write(UUID roomId) {
        while (true) {
            List<Waiter> batch = new ArrayList<>();
            lines.compute(roomId, (id, line) -> {
                while (!line.waiting.isEmpty() && batch.size() < properties.maxBatch()) {
                    batch.add(line.waiting.poll());
                }
                return batch.isEmpty() ? null : line;
            });
            if (batch.isEmpty()) {
                return;
            }
            Answers answers;
            long started = System.nanoTime();
            try {
                answers = transactions.execute(status -> seat(roomId, batch));
                log.debug("Room {}: a batch of {} arrivals committed in {} us", roomId, batch.size(), (System.nanoTime() - started) / 1000);
            } catch (RuntimeException | Error failed) {
                batch.forEach(waiter -> waiter.answer().completeExceptionally(failed));
                continue;
            }
            // after commit: nobody hears of a seat that could still roll back
            answers.refused().forEach((waiter, refusal) -> waiter.answer().completeExceptionally(refusal));
            answers.seated().forEach((waiter, seated) -> waiter.answer().complete(seated));
        }
    }

    /** What one batch answers its waiters: each is either seated or refused. */
    private record Answers(Map<Waiter, Seated> seated, Map<Waiter, ApiException> refused) {
    }

    /** A waiter the batch lets in: {@code events} of the batch's own events come up to and including theirs. */
    private record Admitted(Waiter waiter, int events, Seats.Seat seatBefore) {
    }

    /** One batch, in its transaction. */
    private Answers seat(UUID roomId, List<Waiter> batch) {
        Map<Waiter, ApiException> refused = new HashMap<>();
        Optional<Seats.HeldRoom> held = seats.holdForArrivals(roomId);
        if (held.isEmpty() || held.get().status() != RoomStatus.LIVE) {
            ApiException refusal = held.isEmpty() ? RoomAccess.notFound() : held.get().status() == RoomStatus.ENDED
                    ? new ApiException(RoomProblems.ROOM_ENDED, "This room has ended.")
                    : new ApiException(StageProblems.NOT_LIVE, "This room has not started yet.");
            batch.forEach(waiter -> refused.put(waiter, refusal));
            return new Answers(Map.of(), refused);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, Seats.Newcomer> found = seats.newcomers(roomId, batch.stream().map(w -> w.arrival().userId()).distinct().toList());
        // each person's seat as this batch leaves it so far: the same person twice in a batch arrives once
        Map<UUID, Seats.Seat> seatNow = new HashMap<>();
        found.forEach((userId, newcomer) -> newcomer.seat().ifPresent(seat -> seatNow.put(userId, seat)));
        int present = held.get().present();
        List<Seats.Arrival> arriving = new ArrayList<>();
        List<RoomEvents.Appended> joined = new ArrayList<>();
        List<Admitted> admitted = new ArrayList<>();
        for (Waiter waiter : batch) {
            Arrival arrival = waiter.arrival();
            if (found.get(arrival.userId()).banned()) {
                refused.put(waiter, new ApiException(StageProblems.BANNED, "You are banned from this room."));
                continue;
            }
            Seats.Seat before = seatNow.get(arrival.userId());
            if (before != null && before.present()) {
                admitted.add(new Admitted(waiter, joined.size(), before));
                continue;
            }
            if (present >= arrival.capacity()) {
                refused.put(waiter, new ApiException(StageProblems.ROOM_FULL, arrival.full()));
                continue;
            }
            // a deliberate leave gives up the stage; the HOST keeps the room until the role is handed on
            StageRole role = before == null || before.leftDeliberately() && before.role() != StageRole.HOST
                    ? StageRole.AUDIENCE : before.role();
            present++;
            arriving.add(new Seats.Arrival(arrival.userId(), role));
            joined.add(new RoomEvents.Appended(new StageEvent.ParticipantJoined(arrival.userId(), arrival.displayName(), role),
                    role.onPanel() ? EventAudience.everyone() : EventAudience.staff()));
            seatNow.put(arrival.userId(), new Seats.Seat(role, true, false, false, true));
            admitted.add(new Admitted(waiter, joined.size(), null));
        }
        Map<UUID, Seats.Seat> seated = arriving.isEmpty() ? Map.of() : seats.seatAll(roomId, arriving, now);
        List<Long> seqs = events.appendAll(roomId, joined);
        Map<Waiter, Seated> answers = new HashMap<>();
        for (Admitted in : admitted) {
            // as the seat stands at commit: a seat of this batch as written, else as it was found under the row
            Seats.Seat seat = seated.getOrDefault(in.waiter().arrival().userId(), in.seatBefore());
            answers.put(in.waiter(), new Seated(seat, in.events() == 0 ? held.get().eventSeq() : seqs.get(in.events() - 1)));
        }
        return new Answers(answers, refused);
    }

    @Override
    public void destroy() {
        writers.close();
    }
}
