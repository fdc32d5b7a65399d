package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import dev.tribune.stage.JoinStorm.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Join storms (issue 16): joins beyond what the service runs at once are admitted in arrival order, never failed.
 * Two joins run at once here and a join waits inside the service for at most a second, so a few hundred people
 * joining together make a line.
 */
@TestPropertySource(properties = {"tribune.rooms.joins.in-flight=2", "tribune.rooms.joins.max-wait=1s",
        "tribune.rooms.joins.max-queue=50", "tribune.rtc.mesh.max-participants=500",
        // the joins held up below wait on table locks this test takes: longer than the default 10 s, to be safe
        "tribune.db.lock-timeout=60s"})
class JoinStormTest extends ApiTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    JoinStorm joins;

    @BeforeEach
    void clients() {
        joins = new JoinStorm(port);
    }

    @AfterEach
    void close() {
        joins.close();
    }

    @Test
    void twoHundredPeopleJoiningAtOnceAreAllAdmittedAndNobodyGetsAServerError() throws Exception {
        Session host = register("stormhost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Storm"), 201).get("id");
        List<Session> people = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            people.add(guest());
        }

        List<List<Answer>> answers = joins.storm(people, room);

        int queued = 0;
        for (List<Answer> mine : answers) {
            for (Answer answer : mine) {
                assertThat(answer.status()).as("every answer is 200 or 429: %s", answer).isIn(200, 429);
            }
            assertThat(mine.getLast().status()).as("everyone ends admitted: %s", mine).isEqualTo(200);
            List<Answer> waits = mine.subList(0, mine.size() - 1);
            queued += waits.size();
            assertQueuedAnswersKeepThePlace(waits);
        }
        assertThat(queued).as("join-queued answers: with two joins at a time, 200 at once make a line").isPositive();
        assertThat(meters.get("tribune.joins.queued").counter().count()).isGreaterThanOrEqualTo(queued);
        assertThat(gauge("tribune.joins.running")).isZero();
    }

    /** Each 429 says where and when; the same place comes back each time, nearer the front. */
    static void assertQueuedAnswersKeepThePlace(List<Answer> waits) {
        String token = null;
        int position = Integer.MAX_VALUE;
        for (Answer wait : waits) {
            assertThat(wait.type()).isEqualTo(JoinStorm.QUEUED);
            assertThat(wait.retryAfter()).as("Retry-After").isNotNull().isPositive();
            assertThat(wait.position()).as("position").isPositive();
            assertThat(wait.queueToken()).as("queueToken").isNotBlank();
            if (token != null) {
                assertThat(wait.queueToken()).as("the token sent back keeps the place").isEqualTo(token);
            }
            assertThat(wait.position()).as("each answer to the same person is nearer the front: %s", waits).isLessThan(position);
            token = wait.queueToken();
            position = wait.position();
        }
    }

    @Test
    void placesAreGivenInArrivalOrderAndAPlaceWhoseHolderIsAwayHoldsUpNobody() throws Exception {
        Session host = register("orderhost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "In order"), 201).get("id");
        Session first = guest();
        Session second = guest();
        Session b = guest();
        Session c = guest();
        Session d = guest();

        List<Answer> queuedAnswers = new ArrayList<>();
        Future<Answer> firstIn;
        Future<Answer> secondIn;
        try (HeldJoins held = new HeldJoins()) {
            // the two joins that may run are held up inside the database: whoever comes next has to wait
            firstIn = joins.joinLater(first, room, null);
            secondIn = joins.joinLater(second, room, null);
            awaitGauge("tribune.joins.running", 2);
            // one after the other: each has taken its place (waiting inside, or told to come back) before the next comes
            int line = (int) gauge("tribune.joins.line");
            List<Future<Answer>> waiting = new ArrayList<>();
            for (Session next : List.of(b, c, d)) {
                waiting.add(joins.joinLater(next, room, null));
                awaitGauge("tribune.joins.line", line + waiting.size());
            }
            for (Future<Answer> answer : waiting) {
                queuedAnswers.add(answer.get(30, TimeUnit.SECONDS));
            }
        }
        assertThat(queuedAnswers).allSatisfy(answer -> assertThat(answer.queued()).as("%s", answer).isTrue());
        assertThat(queuedAnswers).extracting(Answer::position).as("positions in arrival order").containsExactly(1, 2, 3);
        assertThat(firstIn.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(secondIn.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

        // there is room now and d, the last to arrive, comes back first: b and c are away, so d goes in rather than
        // leave the room standing idle; b and c keep their places and go in when they come back
        Answer dAnswer = joins.join(d, room, queuedAnswers.get(2).queueToken());
        while (dAnswer.queued()) {
            assertThat(dAnswer.position()).as("d keeps its place").isLessThanOrEqualTo(3);
            dAnswer = joins.join(d, room, dAnswer.queueToken());
        }
        assertThat(dAnswer.status()).isEqualTo(200);
        assertThat(joins.join(b, room, queuedAnswers.get(0).queueToken()).status()).isEqualTo(200);
        assertThat(joins.join(c, room, queuedAnswers.get(1).queueToken()).status()).isEqualTo(200);
    }

    @Test
    void aTokenOfSomeoneElseOrMadeUpIsIgnoredAndTheJoinTakesAPlaceOfItsOwn() throws Exception {
        Session host = register("tokenhost");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Tokens"), 201).get("id");
        Session first = guest();
        Session second = guest();
        Session holder = guest();
        Session borrower = guest();
        Session forger = guest();

        Answer held;
        Answer borrowed;
        Answer forged;
        try (HeldJoins locks = new HeldJoins()) {
            Future<Answer> firstIn = joins.joinLater(first, room, null);
            Future<Answer> secondIn = joins.joinLater(second, room, null);
            awaitGauge("tribune.joins.running", 2);
            held = joins.join(holder, room, null);
            borrowed = joins.join(borrower, room, held.queueToken());
            forged = joins.join(forger, room, "bm90LWEtcmVhbC10b2tlbg");
            locks.close();
            assertThat(firstIn.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(secondIn.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(held.queued()).as("%s", held).isTrue();
        assertThat(held.position()).isEqualTo(1);
        assertThat(borrowed.queued()).as("%s", borrowed).isTrue();
        assertThat(borrowed.position()).as("someone else's token is no place in line: a new one at the back").isEqualTo(2);
        assertThat(borrowed.queueToken()).isNotEqualTo(held.queueToken());
        assertThat(forged.queued()).as("%s", forged).isTrue();
        assertThat(forged.position()).isEqualTo(3);

        assertThat(joins.join(holder, room, held.queueToken()).status()).isEqualTo(200);
        assertThat(joins.join(borrower, room, borrowed.queueToken()).status()).isEqualTo(200);
        assertThat(joins.join(forger, room, forged.queueToken()).status()).isEqualTo(200);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private void awaitGauge(String name, int value) throws InterruptedException {
        await(() -> gauge(name) == value, name + " = " + value);
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    /**
     * Holds every join that gets to write inside the database until closed: the tables a join writes are locked
     * against writes (reads go on), so the joins running keep their places and everyone after them queues.
     */
    private final class HeldJoins implements AutoCloseable {

        private final Connection connection;
        private boolean open = true;

        HeldJoins() throws Exception {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (Statement lock = connection.createStatement()) {
                lock.execute("LOCK TABLE participants, room_events IN EXCLUSIVE MODE");
            }
        }

        @Override
        public void close() throws Exception {
            if (open) {
                open = false;
                connection.rollback();
                connection.close();
            }
        }
    }
}
