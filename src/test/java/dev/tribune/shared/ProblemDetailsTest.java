package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Every error is application/problem+json with a stable type; bad input is never a 500. */
class ProblemDetailsTest extends ApiTest {

    @Test
    void malformedJsonIs400() {
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).body("{\"username\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").isEqualTo("The request body is not valid JSON.")
                .jsonPath("$.instance").isEqualTo("/api/v1/auth/login");
    }

    @Test
    void aMissingBodyIs400() {
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/validation");
    }

    @Test
    void aWrongTypeNamesTheField() {
        client.post().uri("/test-probe/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"kind\":\"PUBLIC\",\"count\":\"many\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("count")
                .jsonPath("$.errors[0].message").isEqualTo("must be a whole number");
    }

    @Test
    void anUnknownEnumValueListsTheKnownOnes() {
        client.post().uri("/test-probe/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"kind\":\"SECRET\",\"count\":1}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("kind")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of PUBLIC, PRIVATE");
    }

    @Test
    void anOverLongStringIs400() {
        client.post().uri("/test-probe/echo").contentType(MediaType.APPLICATION_JSON)
                .body("{\"kind\":\"PUBLIC\",\"name\":\"far too long\",\"count\":1}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void aBadIdIs400() {
        client.get().uri("/test-probe/items/not-a-uuid")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].message").isEqualTo("must be a UUID");
    }

    @Test
    void missingAndOutOfRangeParametersAre400() {
        client.get().uri("/test-probe/page?limit=5")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
        client.get().uri("/test-probe/page?limit=101&q=x")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        client.get().uri("/test-probe/page?limit=ten&q=x")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    @Test
    void anUnknownPathIs404() {
        client.get().uri("/no/such/page").accept(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-found");
        Session member = register("lost");
        client.get().uri("/api/v1/nothing-here").header(HttpHeaders.AUTHORIZATION, bearer(member))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-found");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        client.get().uri("/api/v1/auth/login")
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("POST"))
                .expectBody().jsonPath("$.type").isEqualTo("/problems/method-not-allowed");
    }

    @Test
    void aWrongContentTypeIs415() {
        client.post().uri("/api/v1/auth/login").contentType(MediaType.TEXT_PLAIN).body("username=a")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unsupported-media-type");
    }

    @ParameterizedTest(name = "Content-Type [{0}]")
    @ValueSource(strings = {"*/*", "application/*", "text/*", ";;", "application/json; charset=bogus", "text/plain", "foo",
            "application/", "multipart/form-data", "multipart/form-data; boundary=x", "application/json; charset=\"",
            "application/x-www-form-urlencoded", "NO CONTENT TYPE"})
    void aBodyInAnyOtherContentTypeThanJsonIs415NeverA500(String contentType) throws Exception {
        Session member = register("oddtype");
        for (String path : List.of("/api/v1/auth/login", "/api/v1/rooms", "/test-probe/echo")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header(HttpHeaders.AUTHORIZATION, bearer(member))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"a\",\"password\":\"b\",\"name\":\"c\"}"));
            if (!contentType.equals("NO CONTENT TYPE")) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(415);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"type\":\"/problems/unsupported-media-type\"");
        }
    }

    @ParameterizedTest(name = "Accept [{0}]")
    @ValueSource(strings = {"*/*", ";;", "foo", "text/*;q=bogus", "\u00e9", "image/png", "text/html", "application/json;q=0", ""})
    void anyAcceptHeaderIsAnsweredOrRefusedWith406NeverA500(String accept) throws Exception {
        Session member = register("oddaccept");
        for (String path : List.of("/api/v1/me", "/api/v1/rooms/not-a-uuid", "/no/such/page", "/rooms/some-room", "/v3/api-docs")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header(HttpHeaders.AUTHORIZATION, bearer(member)).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isIn(200, 400, 404, 406);
            if (answer.statusCode() >= 400) {
                assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            }
        }
    }

    @Test
    void anAcceptHeaderNoJsonSatisfiesIsRefusedBeforeAnythingIsDone() throws Exception {
        Session host = register("accepthost");
        String room = (String) call(HttpMethod.POST, "/api/v1/rooms", host, Map.of("name", "Accept"), 201).get("id");
        for (String accept : List.of("image/png", "foo", ";;", "application/json;q=0", "application/xml")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/rooms/" + room + "/end"))
                    .header(HttpHeaders.AUTHORIZATION, bearer(host)).header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(accept).isEqualTo(406);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(get("/api/v1/rooms/" + room, host)).as("still live after Accept: " + accept).containsEntry("status", "LIVE");
        }
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutContentLength() throws Exception {
        String huge = "{\"username\":\"" + "a".repeat(100_000) + "\",\"password\":\"x\"}";
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).body(huge)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/payload-too-large");

        // chunked: no Content-Length, so the limit is enforced while reading
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create("http://localhost:" + port + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(chunked.body()).contains("/problems/payload-too-large");
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() {
        client.get().uri("/test-probe/boom")
                .exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/internal")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).doesNotContain("password"));
    }

    @Test
    void aValidRequestToTheProbeWorks() {
        client.post().uri("/test-probe/echo").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", "PRIVATE", "name", "ok", "count", 2))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.kind").isEqualTo("PRIVATE");
    }

    @Test
    void problemsListEveryInvalidField() {
        client.post().uri("/test-probe/echo").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "too long for it", "count", 2))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(List.class,
                        fields -> assertThat(fields).containsExactlyInAnyOrder("kind", "name"));
    }
}
