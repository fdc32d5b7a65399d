package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** A running service instance reached over real HTTP, as a browser would: for the tests that run more than one. */
record ServiceInstance(String baseUrl) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Member(UUID id, String accessToken) {
    }

    Member register(String prefix) throws Exception {
        String username = (prefix + Long.toString(System.nanoTime(), 36)).toLowerCase();
        Map<?, ?> session = post("/api/v1/auth/register", null, Map.of("username", username, "password", "correct horse", "displayName", prefix));
        return new Member(UUID.fromString((String) ((Map<?, ?>) session.get("user")).get("id")), (String) session.get("accessToken"));
    }

    String socketUrl(Member member) throws Exception {
        return baseUrl.replace("http", "ws") + "/ws?ticket=" + post("/api/v1/auth/ws-ticket", member, null).get("ticket");
    }

    Map<?, ?> post(String path, Member as, Object body) throws Exception {
        return send("POST", path, as, body);
    }

    Map<?, ?> put(String path, Member as) throws Exception {
        return send("PUT", path, as, null);
    }

    Map<?, ?> delete(String path, Member as) throws Exception {
        return send("DELETE", path, as, null);
    }

    private Map<?, ?> send(String method, String path, Member as, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
        if (as != null) {
            request.header("Authorization", "Bearer " + as.accessToken());
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? Map.of() : JSON.readValue(response.body(), Map.class);
    }
}
