package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Joins over real HTTP, one virtual thread per person, each doing what a well-behaved client does with a 429
 * {@code /problems/join-queued}: wait {@code Retry-After} and join again with the {@code queueToken}.
 */
final class JoinStorm implements AutoCloseable {

    static final String QUEUED = "/problems/join-queued";

    /** One answer to a join: its status, Retry-After (seconds, null when absent) and body. */
    record Answer(int status, Long retryAfter, Map<String, Object> body) {

        String type() {
            return (String) body.get("type");
        }

        int position() {
            return ((Number) body.get("position")).intValue();
        }

        String queueToken() {
            return (String) body.get("queueToken");
        }

        boolean queued() {
            return status == 429 && QUEUED.equals(type());
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    JoinStorm(int port) {
        this.base = "http://localhost:" + port;
    }

    /** One join, with a queue token or none. */
    Answer join(Session who, String roomId, String queueToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (queueToken != null) {
            body.put("queueToken", queueToken);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/rooms/" + roomId + "/join"))
                .header("Authorization", "Bearer " + who.accessToken())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = response.body().isEmpty() ? Map.of() : json.readValue(response.body(), Map.class);
            Long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(null);
            return new Answer(response.statusCode(), retryAfter, answer);
        } catch (IOException e) {
            throw new IllegalStateException("the join could not be sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Future<Answer> joinLater(Session who, String roomId, String queueToken) {
        return threads.submit(() -> join(who, roomId, queueToken));
    }

    /**
     * Everyone joins at once and keeps joining as told until an answer other than join-queued: every answer of each
     * person, in order.
     */
    List<List<Answer>> storm(List<Session> people, String roomId) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Answer>>> runs = new ArrayList<>();
        for (Session person : people) {
            runs.add(threads.submit(() -> {
                go.await();
                List<Answer> answers = new ArrayList<>();
                String token = null;
                for (int attempt = 0; attempt < 500; attempt++) {
                    Answer answer = join(person, roomId, token);
                    answers.add(answer);
                    if (!answer.queued()) {
                        break;
                    }
                    token = answer.queueToken();
                    assertThat(answer.retryAfter()).as("Retry-After of a join-queued").isNotNull().isPositive();
                    Thread.sleep(TimeUnit.SECONDS.toMillis(answer.retryAfter()));
                }
                return answers;
            }));
        }
        go.countDown();
        List<List<Answer>> all = new ArrayList<>();
        for (Future<List<Answer>> run : runs) {
            all.add(run.get(5, TimeUnit.MINUTES));
        }
        return all;
    }

    @Override
    public void close() {
        http.close();
        threads.close();
    }
}
