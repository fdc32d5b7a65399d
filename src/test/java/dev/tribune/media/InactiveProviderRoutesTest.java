package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A provider's own routes exist only while that provider is active and has them: its webhook (mesh and janus send
 * none) and the Janus relay. Otherwise they answer 404 problems, whatever Authorization header comes along, never a
 * 401 that suggests a token or signature would open them. (This context runs mesh and the recording provider.)
 */
class InactiveProviderRoutesTest extends ApiTest {

    private static final List<String> AUTHORIZATIONS = List.of("", "Bearer forged.token.here", "eyJhbGciOiJIUzI1NiJ9.e30.x",
            "Basic YTpi");

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertNotFound(String method, String path) throws Exception {
        for (String authorization : AUTHORIZATIONS) {
            HttpResponse<String> answer = send(method, path, authorization);
            assertThat(answer.statusCode()).as(method + " " + path + " with [" + authorization + "]").isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"type\":\"/problems/not-found\"");
        }
    }

    @Test
    void theWebhooksOfProvidersThatAreNotActiveAreNotFound() throws Exception {
        for (String provider : List.of("twilio", "hms", "livekit", "nosuchvendor")) {
            assertNotFound("POST", "/api/v1/webhooks/" + provider);
        }
    }

    @Test
    void theWebhooksOfActiveProvidersThatSendNoneAreNotFound() throws Exception {
        assertNotFound("POST", "/api/v1/webhooks/mesh");
    }

    @Test
    void theJanusRelayIsNotFoundWhileJanusIsNotActive() throws Exception {
        assertNotFound("POST", "/janus");
        assertNotFound("POST", "/janus/123");
        assertNotFound("GET", "/janus/123?token=abc");
        assertNotFound("POST", "/janus/123/456");
    }

    @Test
    void anActiveVendorsWebhookStillAsksForItsSignature() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/v1/webhooks/recording", "");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"type\":\"/problems/unauthorized\"");
    }
}
