package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * Many people joining one room at once (stage.Arrivals commits them in batches): everyone is answered as if they had
 * joined alone, and the seats, the counters and the log agree afterwards. Real HTTP, real PostgreSQL, real threads.
 */
@TestPropertySource(properties = {"tribune.rtc.mesh.max-participants=300",
        // short enough that a batch kept off the room's row fails within the test (see the last test)
        "tribune.db.lock-timeout=2s"})
class CrowdedJoinTest extends ApiTest {

    private static final int THREADS = 64;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private record Answer(Session who, int status, Map<String, Object> body, String retryAfter) {
    }

    /**
     * A join as a client makes it: told to wait its turn (429 join-queued, when the crowd outruns the joins this
     * instance runs at once), it comes back after Retry-After with its queueToken, until any other answer.
     */
    @SuppressWarnings("unchecked")
    private Answer join(String room, Session who) throws InterruptedException {
        Map<String, Object> body = Map.of();
        while (true) {
            EntityExchangeResult<Map> result = client.post().uri("/api/v1/rooms/" + room + "/join")
                    .header(HttpHeaders.AUTHORIZATION, bearer(who)).contentType(MediaType.APPLICATION_JSON).body(body)
                    .exchange().returnResult(Map.class);
            Answer answer = new Answer(who, result.getStatus().value(), result.getResponseBody(),
                    result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
            if (answer.status() != 429 || !"/problems/join-queued".equals(answer.body().get("type"))) {
                return answer;
            }
            Thread.sleep(Long.parseLong(answer.retryAfter()) * 1000);
            body = Map.of("queueToken", answer.body().get("queueToken"));
        }
    }

    /** Everyone joins at once from {@link #THREADS} threads; {@code meanwhile} runs once they have all been let go. */
    private List<Answer> allAtOnce(String room, List<Session> people, Callable<?> meanwhile) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Answer>> answers = new ArrayList<>();
            for (Session who : people) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return join(room, who);
                }));
            }
            start.countDown();
            meanwhile.call();
            List<Answer> all = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                all.add(answer.get(60, TimeUnit.SECONDS));
            }
            return all;
        }
    }

    private List<Session> guests(int count) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Session>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(pool.submit(this::guest));
            }
            List<Session> all = new ArrayList<>();
            for (Future<Session> session : made) {
                all.add(session.get());
            }
            return all;
        }
    }

    private String liveRoom(Session host, String name) {
        return (String) call(POST, "/api/v1/rooms", host, Map.of("name", name), 201).get("id");
    }

    private Map<String, Object> counters(String room) {
        return jdbc.sql("""
                SELECT participant_count, audience_count, event_seq,
                       (SELECT count(*) FROM participants p WHERE p.room_id = r.id AND p.present) AS present,
                       (SELECT count(*) FROM participants p WHERE p.room_id = r.id AND p.present AND p.role = 'AUDIENCE') AS audience,
                       (SELECT count(*) FROM room_events e WHERE e.room_id = r.id) AS events
                FROM rooms r WHERE r.id = ?::uuid""").param(room).query().singleRow();
    }

    /** The seq of each person's participant.joined, by user. */
    private Map<UUID, Long> joinedSeqs(String room) {
        Map<UUID, Long> seqs = new HashMap<>();
        jdbc.sql("SELECT payload->>'userId', seq FROM room_events WHERE room_id = ?::uuid AND type = 'participant.joined'")
                .param(room).query((rs, n) -> {
                    Long before = seqs.put(UUID.fromString(rs.getString(1)), rs.getLong(2));
                    assertThat(before).as("one participant.joined per person").isNull();
                    return null;
                }).list();
        return seqs;
    }

    private static long roomSeq(Answer answer) {
        return ((Number) ((Map<?, ?>) answer.body().get("events")).get("roomSeq")).longValue();
    }

    @Test
    void twoHundredJoiningOneRoomAtOnceAreAllSeatedCountedAndLoggedOnceInOrder() throws Exception {
        Session host = register("crowdhost");
        String room = liveRoom(host, "Crowded");
        List<Session> crowd = guests(200);

        List<Answer> answers = allAtOnce(room, crowd, () -> null);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200));
        Map<String, Object> counted = counters(room);
        assertThat(((Number) counted.get("present")).longValue()).isEqualTo(200);
        assertThat(((Number) counted.get("participant_count")).longValue()).isEqualTo(200);
        assertThat(((Number) counted.get("audience_count")).longValue()).isEqualTo(200);
        assertThat(((Number) counted.get("audience")).longValue()).isEqualTo(200);
        // the log has no gap and no duplicate: as many rows as the room's seq counts
        assertThat(((Number) counted.get("events")).longValue()).isEqualTo(((Number) counted.get("event_seq")).longValue());

        Map<UUID, Long> seqs = joinedSeqs(room);
        assertThat(seqs).hasSize(200).containsOnlyKeys(crowd.stream().map(Session::userId).toList());
        long first = seqs.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = seqs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(last - first).as("200 consecutive seqs").isEqualTo(199);
        for (Answer answer : answers) {
            Map<?, ?> participant = (Map<?, ?>) answer.body().get("participant");
            assertThat(participant.get("role")).isEqualTo("AUDIENCE");
            assertThat(((Map<?, ?>) answer.body().get("media")).get("canPublish")).isEqualTo(false);
            assertThat(roomSeq(answer)).as("subscribing from roomSeq misses nothing after one's own join")
                    .isGreaterThanOrEqualTo(seqs.get(answer.who().userId()))
                    .isLessThanOrEqualTo(last);
        }

        // joining again while in the room refreshes the grant and writes nothing
        long seqBefore = ((Number) counted.get("event_seq")).longValue();
        List<Answer> again = allAtOnce(room, crowd.subList(0, 50), () -> null);
        assertThat(again).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(roomSeq(answer)).isEqualTo(seqBefore);
        });
        assertThat(counters(room)).isEqualTo(counted);
    }

    @Test
    void aRoomEndingWhileManyJoinAdmitsNobodyAfterItsEnd() throws Exception {
        Session host = register("endinghost");
        String room = liveRoom(host, "Ending");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        List<Session> crowd = guests(120);

        List<Answer> answers = allAtOnce(room, crowd, () -> {
            Thread.sleep(20);
            return call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        });

        List<UUID> admitted = answers.stream().filter(a -> a.status() == 200).map(a -> a.who().userId()).toList();
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(String.valueOf(answer.body())).isIn(200, 409);
            if (answer.status() == 409) {
                assertThat(answer.body().get("type")).isEqualTo("/problems/room-ended");
            }
        });
        long ended = jdbc.sql("SELECT seq FROM room_events WHERE room_id = ?::uuid AND type = 'room.ended'").param(room)
                .query(Long.class).single();
        Map<UUID, Long> seqs = joinedSeqs(room);
        seqs.remove(host.userId());
        assertThat(seqs.keySet()).as("exactly those answered 200 joined").containsExactlyInAnyOrderElementsOf(admitted);
        assertThat(seqs.values()).as("nobody joined after the room ended").allSatisfy(seq -> assertThat(seq).isLessThan(ended));
        Map<String, Object> counted = counters(room);
        assertThat(((Number) counted.get("participant_count")).longValue()).isEqualTo(admitted.size() + 1L)
                .isEqualTo(((Number) counted.get("present")).longValue());
        assertThat(((Number) counted.get("audience_count")).longValue()).isEqualTo(admitted.size())
                .isEqualTo(((Number) counted.get("audience")).longValue());
        assertThat(((Number) counted.get("events")).longValue()).isEqualTo(((Number) counted.get("event_seq")).longValue());
    }

    @Test
    void aBatchWhoseTransactionFailsAnswersEachOfItsJoins503AndWritesNothing() throws Exception {
        Session host = register("lockedhost");
        String room = liveRoom(host, "Locked");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        List<Session> crowd = guests(12);
        Map<String, Object> before = counters(room);

        List<Answer> answers;
        // the room's row held elsewhere past the lock timeout: every batch's transaction fails
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement("SELECT id FROM rooms WHERE id = ?::uuid FOR UPDATE")) {
                hold.setString(1, room);
                hold.executeQuery().close();
            }
            answers = allAtOnce(room, crowd, () -> null);
            holder.rollback();
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(503);
            assertThat(answer.body().get("type")).isEqualTo("/problems/service-unavailable");
            assertThat(answer.retryAfter()).isNotNull();
        });
        assertThat(counters(room)).isEqualTo(before);
        // and the room takes joins again at once
        assertThat(join(room, crowd.getFirst()).status()).isEqualTo(200);
    }
}
