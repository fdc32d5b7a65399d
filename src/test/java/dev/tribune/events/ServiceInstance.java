package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** A running service instance reached over real HTTP, as a browser would: for the tests that run more than one. */
public record ServiceInstance(String baseUrl) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Member(UUID id, String accessToken) {
    }

    public Member register(String prefix) throws Exception {
        String username = (prefix + Long.toString(System.nanoTime(), 36)).toLowerCase();
        Map<?, ?> session = post("/api/v1/auth/register", null, Map.of("username", username, "password", "correct horse", "displayName", prefix));
        return new Member(UUID.fromString((String) ((Map<?, ?>) session.get("user")).get("id")), (String) session.get("accessToken"));
    }

    public String socketUrl(Member member) throws Exception {
        return baseUrl.replace("http", "ws") + "/ws?ticket=" + post("/api/v1/auth/ws-ticket", member, null).get("ticket");
    }

    public Map<?, ?> post(String path, Member as, Object body) throws Exception {
        return send("POST", path, as, body);
    }

    public Map<?, ?> put(String path, Member as) throws Exception {
        return send("PUT", path, as, null);
    }

    public Map<?, ?> delete(String path, Member as) throws Exception {
        return send("DELETE", path, as, null);
    }

    public Map<?, ?> get(String path, Member as) throws Exception {
        return send("GET", path, as, null);
    }

    /** Any answer, as it came: for the tests that expect a refusal. */
    public HttpResponse<String> exchange(String method, String path, Member as, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
        if (as != null) {
            request.header("Authorization", "Bearer " + as.accessToken());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<?, ?> send(String method, String path, Member as, Object body) throws Exception {
        HttpResponse<String> response = exchange(method, path, as, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? Map.of() : JSON.readValue(response.body(), Map.class);
    }
}
