package dev.tribune.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tabs refreshing one session at the same moment. Two such refreshes used to deadlock two pooled connections for
 * ever (five pairs took the whole service down). Now every tab gets a working session, nothing is revoked, and the
 * service keeps answering.
 */
class RefreshStormTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void fiftyTabsRefreshingOneTokenAtOnceAllGetWorkingSessionsAndNothingIsRevoked() throws Exception {
        Session signedIn = register("storm");
        List<HttpResponse<String>> answers = allAtOnce(50, i -> refresh(signedIn.refreshToken()));

        Set<String> successors = new HashSet<>();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Map<?, ?> session = JSON.readValue(answer.body(), Map.class);
            successors.add((String) session.get("refreshToken"));
            assertThat(fetch("/api/v1/me", (String) session.get("accessToken")).statusCode()).isEqualTo(200);
        }
        assertThat(successors).as("each tab its own successor").hasSize(50);
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NOT NULL")
                .param(signedIn.userId()).query(Long.class).single()).isZero();
        // and every successor goes on working
        for (String successor : successors) {
            assertThat(refresh(successor).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void manyPeopleRefreshingFromSeveralTabsAtOnceNeverWedgeTheService() throws Exception {
        List<Session> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(register("crowd"));
        }
        long start = System.nanoTime();
        List<HttpResponse<String>> answers = allAtOnce(100, i -> refresh(people.get(i % people.size()).refreshToken()));
        System.out.printf("fault: 100 concurrent refreshes by 20 people answered in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));

        long probe = System.nanoTime();
        assertThat(fetch("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(fetch("/api/v1/me", people.getFirst().accessToken()).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - probe)).as("the service answers at once afterwards").isLessThan(Duration.ofSeconds(2));
    }

    private interface Call {
        HttpResponse<String> send(int index) throws Exception;
    }

    /** Sends {@code count} requests released together; a request that hangs fails the test instead of the build. */
    private static List<HttpResponse<String>> allAtOnce(int count, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> pending = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                pending.add(threads.submit(() -> {
                    start.await();
                    return call.send(index);
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : pending) {
                answers.add(answer.get(PATIENCE.toSeconds() + 5, TimeUnit.SECONDS));
            }
            return answers;
        }
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/refresh")).timeout(PATIENCE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("refreshToken", refreshToken)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fetch(String path, String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(PATIENCE);
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
