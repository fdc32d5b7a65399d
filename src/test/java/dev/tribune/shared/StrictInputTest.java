package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The API takes JSON as JSON says it: a string field takes a string, a number field a whole number, an enum field one
 * of its names; ids are canonical UUIDs (8-4-4-4-12 hex digits) in paths, query parameters and bodies alike. Anything
 * else is a 400 problem naming the field, and nothing is written.
 */
class StrictInputTest extends ApiTest {

    private static final String TOPIC = "01900000-0000-7000-8000-000000000001";

    Session host;
    String room;

    @BeforeEach
    void aRoom() {
        host = register("strict");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Strict"), 201).get("id");
    }

    /** Sends a raw JSON body and expects a 400 validation problem whose errors name {@code field}. */
    private void refused(HttpMethod method, String uri, String json, String field) {
        // a URI as written here, not a template: the test's own percent-encodings must reach the service as they are
        var request = client.method(method).uri(URI.create("http://localhost:" + port + uri)).header(HttpHeaders.AUTHORIZATION, bearer(host));
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        request.exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private long rooms() {
        return ((List<?>) get("/api/v1/rooms?limit=100", host).get("items")).size();
    }

    @Test
    void aNumberOrBooleanIsNotAString() {
        refused(POST, "/api/v1/rooms", "{\"name\":1}", "name");
        refused(POST, "/api/v1/rooms", "{\"name\":true}", "name");
        refused(POST, "/api/v1/rooms", "{\"name\":1.5}", "name");
        refused(PATCH, "/api/v1/rooms/" + room, "{\"description\":42}", "description");
        refused(POST, "/api/v1/auth/login", "{\"username\":123,\"password\":\"x\"}", "username");
    }

    @Test
    void anEnumIsOneOfItsNamesNeverItsIndex() {
        refused(PATCH, "/api/v1/rooms/" + room, "{\"chat\":1}", "chat");
        refused(PATCH, "/api/v1/rooms/" + room, "{\"chat\":\"1\"}", "chat");
        refused(POST, "/api/v1/rooms", "{\"name\":\"Enum\",\"visibility\":0}", "visibility");
        assertThat(((Map<?, ?>) get("/api/v1/rooms/" + room, host).get("settings")).get("chat")).isEqualTo("EVERYONE");
    }

    @Test
    void aWholeNumberIsNeitherAStringNorAFraction() {
        refused(PATCH, "/api/v1/rooms/" + room, "{\"slowModeSeconds\":\"5\"}", "slowModeSeconds");
        refused(PATCH, "/api/v1/rooms/" + room, "{\"slowModeSeconds\":5.5}", "slowModeSeconds");
        refused(PATCH, "/api/v1/rooms/" + room, "{\"slowModeSeconds\":5.0}", "slowModeSeconds");
        refused(PATCH, "/api/v1/rooms/" + room, "{\"slowModeSeconds\":true}", "slowModeSeconds");
        assertThat(((Map<?, ?>) get("/api/v1/rooms/" + room, host).get("settings")).get("slowModeSeconds")).isEqualTo(0);
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        client.post().uri("/api/v1/rooms").header(HttpHeaders.AUTHORIZATION, bearer(host)).contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"One\",\"name\":\"Two\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/validation");
    }

    @Test
    void anIdInAPathMustBeACanonicalUuid() {
        String shortOne = room.substring(1); // 35 characters: UUID.fromString reads it as another id
        for (String id : List.of(shortOne, "1-1-1-1-1", room.replace("-", ""), "{" + room + "}", room + " ", "0x" + room.substring(2))) {
            refused(GET, "/api/v1/rooms/" + id.replace(" ", "%20").replace("{", "%7B").replace("}", "%7D"), null, "roomId");
        }
        refused(DELETE, "/api/v1/rooms/" + room + "/participants/" + host.userId().toString().substring(1), null, "userId");
    }

    @Test
    void anIdInAQueryParameterMustBeACanonicalUuid() {
        refused(GET, "/api/v1/clubs?topicId=" + TOPIC.substring(1), null, "topicId");
        refused(GET, "/api/v1/clubs?topicId=1-1-1-1-1", null, "topicId");
    }

    @Test
    void anIdInABodyMustBeACanonicalUuid() {
        long before = rooms();
        // 24 characters of base64: Jackson's own UUID reader takes it as an id
        refused(POST, "/api/v1/clubs", "{\"name\":\"Base64 club\",\"topicId\":\"AZAAAAAAcACAAAAAAAAAAQ==\"}", "topicId");
        refused(POST, "/api/v1/rooms", "{\"name\":\"Short\",\"clubId\":\"" + TOPIC.substring(1) + "\"}", "clubId");
        refused(POST, "/api/v1/rooms", "{\"name\":\"Number\",\"clubId\":12}", "clubId");
        assertThat(rooms()).as("nothing was created").isEqualTo(before);
    }

    @Test
    void aBooleanOrNumberQueryParameterIsWrittenPlainly() {
        refused(GET, "/api/v1/rooms?limit=0x10", null, "limit");
        refused(GET, "/api/v1/rooms?limit=%2010", null, "limit");
        refused(DELETE, "/api/v1/rooms/" + room + "/participants/" + register("other").userId() + "?ban=yes", null, "ban");
        refused(DELETE, "/api/v1/rooms/" + room + "/participants/" + register("other").userId() + "?ban=1", null, "ban");
    }
}
