package dev.tribune;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed requests to every operation of the OpenAPI document, generated with jqwik from a fixed seed, sent over
 * real HTTP as a real signed-in user who owns real rooms and a club (so authorisation passes and the input checks are
 * reached). Asserts: no 5xx at all; every 4xx is {@code application/problem+json}; and no refused request changed
 * the database.
 *
 * <p>How "no state change" is judged. The test runs on its own database ({@code tribune_fuzz} on the shared test
 * server) with its own context, so no other test and no other context's background job writes there. Before the
 * first request it takes a snapshot: per table, the row count and an md5 of all rows. After every request it takes
 * another. A refused (4xx) request must leave the snapshot exactly as it was; a request that succeeded (2xx) may
 * change it, and its snapshot becomes the new baseline. Comparing after every request, not per batch, is what makes
 * the blame exact: a change is always pinned on the one request that made it. Every generated request carries at
 * least one defect that must get it refused (a bad id, a bad token, an unreadable content type, a body of the wrong
 * shape, a bad parameter), so a 2xx is itself a finding worth reading; it is counted and printed, not failed, since
 * some defects (a body an operation does not read) are legitimately ignored.
 *
 * <p>Tables left out of the snapshot, each because something other than the request writes it on its own clock:
 * {@code instance_leases} (every instance renews its lease every few seconds) and {@code provider_outbox} (rows
 * written by an accepted stage change are worked off by the reconciler moments later, during whatever request comes
 * next), and {@code provider_rooms} (the same reconciler closes a vendor room, and forgets it, after an accepted
 * end). The sweepers that could end rooms or mark people left are slowed to an hour for this context.
 *
 * <p>Run: {@code ./mvnw -Dweb.skip test -Dtest=ApiFuzzTest}; {@code -Dtribune.fuzz.seed=N} replays another seed,
 * {@code -Dtribune.fuzz.requests=N} sends more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tribune.auth.rate-limit.permits=1000000", "tribune.chat.per-user-permits=1000000", "tribune.chat.per-room-permits=1000000",
        "tribune.rooms.counts-interval=1h", "tribune.presence.sweep-interval=1h", "tribune.rooms.sweep-interval=1h",
        "tribune.demo-data=false"})
class ApiFuzzTest {

    private static final String DATABASE = "tribune_fuzz";
    private static final Set<String> NOT_SNAPSHOTTED = Set.of("instance_leases", "provider_outbox", "provider_rooms", "flyway_schema_history");
    private static final long SEED = Long.getLong("tribune.fuzz.seed", 20261204L);
    private static final int REQUESTS = Integer.getInteger("tribune.fuzz.requests", 10_000);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(SEED);

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws Exception {
        String shared = TestDatabase.jdbcUrl();
        try (Connection c = DriverManager.getConnection(shared, "postgres", ""); Statement s = c.createStatement()) {
            ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
        registry.add("spring.datasource.url", () -> shared.replace("/postgres?", "/" + DATABASE + "?"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("tribune.auth.jwt-secret", () -> ApiTest.TEST_JWT_SECRET);
    }

    // ---------------------------------------------------------------- the world the requests act on

    record Fixture(String token, UUID owner, UUID member, UUID room, UUID club, UUID topic, UUID message) {
    }

    private Fixture fixture;

    private Map<String, Object> exchange(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(300);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = answer.body().isEmpty() ? Map.of() : json.readValue(answer.body(), Map.class);
        return map;
    }

    @SuppressWarnings("unchecked")
    private Fixture world() throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Map<String, Object> owner = exchange("POST", "/api/v1/auth/register", null,
                "{\"username\":\"fuzz_owner_" + suffix + "\",\"password\":\"correct horse\",\"displayName\":\"Fuzz owner\"}");
        Map<String, Object> member = exchange("POST", "/api/v1/auth/register", null,
                "{\"username\":\"fuzz_member_" + suffix + "\",\"password\":\"correct horse\",\"displayName\":\"Fuzz member\"}");
        String token = (String) owner.get("accessToken");
        String memberToken = (String) member.get("accessToken");
        UUID topic = jdbc.sql("SELECT id FROM topics ORDER BY id LIMIT 1").query(UUID.class).single();
        UUID club = UUID.fromString((String) exchange("POST", "/api/v1/clubs", token,
                "{\"name\":\"Fuzz club " + suffix + "\",\"topicId\":\"" + topic + "\"}").get("id"));
        UUID room = UUID.fromString((String) exchange("POST", "/api/v1/rooms", token, "{\"name\":\"Fuzz room\"}").get("id"));
        exchange("POST", "/api/v1/rooms/" + room + "/join", token, null);
        exchange("POST", "/api/v1/rooms/" + room + "/join", memberToken, null);
        exchange("PUT", "/api/v1/rooms/" + room + "/hand", memberToken, null);
        UUID message = UUID.fromString((String) exchange("POST", "/api/v1/rooms/" + room + "/messages", token,
                "{\"text\":\"hello\"}").get("id"));
        UUID ownerId = UUID.fromString((String) ((Map<String, Object>) owner.get("user")).get("id"));
        UUID memberId = UUID.fromString((String) ((Map<String, Object>) member.get("user")).get("id"));
        return new Fixture(token, ownerId, memberId, room, club, topic, message);
    }

    // ---------------------------------------------------------------- the operations, from the OpenAPI document

    record Param(String name, String in, JsonNode schema) {
    }

    record Operation(String method, String path, List<Param> params, JsonNode body, boolean bodyRequired) {

        String name() {
            return method + " " + path;
        }

        boolean takesToken() {
            return !path.startsWith("/api/v1/webhooks/");
        }
    }

    private List<Operation> operations(JsonNode doc) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue; // test-only probes and anything outside the API
            }
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    params.add(new Param(p.get("name").asString(), p.get("in").asString(), resolve(doc, p.path("schema"))));
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                JsonNode body = content.has("application/json") ? resolve(doc, content.get("application/json").path("schema")) : null;
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), params, body,
                        op.getValue().path("requestBody").path("required").asBoolean(false)));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            return resolve(doc, doc.at(ref.substring(1)));
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        return type.asString("object");
    }

    // ---------------------------------------------------------------- generation

    enum Defect { BAD_PATH_ID, BAD_TOKEN, UNREADABLE_CONTENT_TYPE, BAD_JSON, WRONG_TYPE, NULL_REQUIRED, MISSING_REQUIRED, BAD_QUERY, WRONG_PROVIDER }

    private <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(1000).next(random).value();
    }

    private final Arbitrary<String> garbageIds = Arbitraries.oneOf(
            Arbitraries.strings().withChars("0123456789abcdefABCDEF-").ofMinLength(1).ofMaxLength(40)
                    .filter(s -> !s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")),
            Arbitraries.strings().all().ofMinLength(1).ofMaxLength(50),
            Arbitraries.of("1-1-1-1-1", "00000000-0000-0000-0000-00000000000", "00000000-0000-0000-0000-0000000000000",
                    "{00000000-0000-7000-8000-000000000001}", "AZAAAAAAcACAAAAAAAAAAQ==", "null", "0", "-1", "%00", "..", "١٢٣",
                    "00000000000070008000000000000001", " 01900000-0000-7000-8000-000000000001", "0x1900000-0000-7000-8000-000000000001"));

    private final Arbitrary<String> hugeOrOddStrings = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMinLength(0).ofMaxLength(300),
            Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(20),
            Arbitraries.of("\uD83D\uDE00\u200B\u202E", "'; DROP TABLE rooms; --", "<script>alert(1)</script>", "\\u0000", "a".repeat(5000),
                    "%s%n%x", "../../etc/passwd"),
            Arbitraries.integers().between(101, 70_000).map("x"::repeat));

    private final Arbitrary<String> unreadableContentTypes = Arbitraries.oneOf(
            Arbitraries.of("*/*", "application/*", "text/*", ";;", "multipart/form-data", "multipart/form-data; boundary=zz",
                    "multipart/mixed", "foo", "application/", "/json", "application/json; charset=\"", "é/é"),
            // random, but never a concrete type: a wildcard subtype, or a leading separator
            Arbitraries.strings().withChars("abc/;=\" ").ofMinLength(1).ofMaxLength(12).map(s -> s + "/*"),
            Arbitraries.strings().withChars("abc/;=\" ").ofMinLength(0).ofMaxLength(12).map(s -> ";" + s));

    private String badToken() {
        String real = fixture.token();
        return draw(Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(".-_").ofMinLength(0).ofMaxLength(200).map(s -> "Bearer " + s),
                Arbitraries.of(
                        "Bearer " + real.substring(0, real.length() - 3) + "abc",                // tampered signature
                        "Bearer " + JWT.create().withIssuer("tribune").withSubject(fixture.owner().toString()).withClaim("guest", false)
                                .withExpiresAt(Instant.now().minusSeconds(60)).sign(Algorithm.HMAC256(ApiTest.TEST_JWT_SECRET)), // expired
                        "Bearer " + JWT.create().withIssuer("tribune").withSubject(fixture.owner().toString()).withClaim("guest", false)
                                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256("another-secret-another-secret-another")), // forged
                        "Bearer " + JWT.create().withIssuer("tribune").withSubject(fixture.owner().toString()).withClaim("guest", false)
                                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.none()), // alg none
                        "Basic " + real, "Bearer", "bearer  ", real, "Bearer " + real + " " + real)));
    }

    /** A value of the right type for a parameter or field, taken from the fixture where it names one of its things. */
    private JsonNode validValue(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String lower = name.toLowerCase();
        return switch (type(schema)) {
            case "integer" -> NODES.numberNode(schema.has("minimum") ? schema.get("minimum").asInt() : 1);
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> NODES.arrayNode();
            case "object" -> NODES.objectNode();
            default -> {
                if ("uuid".equals(schema.path("format").asString())) {
                    UUID id = lower.contains("room") ? fixture.room() : lower.contains("club") ? fixture.club()
                            : lower.contains("topic") ? fixture.topic() : lower.contains("message") ? fixture.message() : fixture.member();
                    yield NODES.stringNode(id.toString());
                }
                if ("date-time".equals(schema.path("format").asString())) {
                    yield NODES.stringNode(Instant.now().plus(Duration.ofDays(1)).toString());
                }
                if ("provider".equals(lower)) {
                    yield NODES.stringNode("mesh");
                }
                yield NODES.stringNode("fuzz");
            }
        };
    }

    /** A value of another JSON type than the schema's, or one strict input refuses. */
    private JsonNode wrongValue(JsonNode schema) {
        String t = schema.has("enum") ? "enum" : "uuid".equals(schema.path("format").asString()) ? "uuid" : type(schema);
        return switch (t) {
            case "enum" -> draw(Arbitraries.of(NODES.numberNode(0), NODES.numberNode(1), NODES.stringNode("1"),
                    NODES.stringNode(schema.get("enum").get(0).asString().toLowerCase() + "x"), NODES.booleanNode(true), NODES.arrayNode()));
            case "uuid" -> draw(Arbitraries.oneOf(garbageIds.map(NODES::stringNode),
                    Arbitraries.of(NODES.numberNode(12), NODES.booleanNode(true), NODES.objectNode())));
            case "integer" -> draw(Arbitraries.of(NODES.stringNode("5"), NODES.numberNode(5.5), NODES.booleanNode(true), NODES.stringNode("0x10"),
                    NODES.numberNode(new BigInteger("99999999999999999999999")), NODES.arrayNode(), NODES.numberNode(1e300)));
            case "boolean" -> draw(Arbitraries.of(NODES.stringNode("true"), NODES.numberNode(1), NODES.stringNode("yes"), NODES.objectNode()));
            case "string" -> draw(Arbitraries.of(NODES.numberNode(1), NODES.numberNode(1.5), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add("x")));
            default -> draw(Arbitraries.of(NODES.stringNode("x"), NODES.numberNode(1), NODES.booleanNode(false)));
        };
    }

    record Request(String method, String path, String query, String authorization, String contentType, String accept, String body,
            Defect defect) {
    }

    private Request generate(Operation op) {
        List<Defect> possible = new ArrayList<>();
        List<Param> pathIds = op.params().stream().filter(p -> "path".equals(p.in()) && "uuid".equals(p.schema().path("format").asString())).toList();
        List<Param> typedQuery = op.params().stream().filter(p -> "query".equals(p.in())).toList();
        if (!pathIds.isEmpty()) {
            possible.add(Defect.BAD_PATH_ID);
        }
        if (op.takesToken()) {
            possible.add(Defect.BAD_TOKEN);
        } else {
            possible.add(Defect.WRONG_PROVIDER);
        }
        possible.add(Defect.UNREADABLE_CONTENT_TYPE);
        if (op.body() != null) {
            possible.add(Defect.BAD_JSON);
            if (op.body().path("properties").size() > 0) {
                possible.add(Defect.WRONG_TYPE);
            }
            if (op.body().path("required").size() > 0) {
                possible.add(Defect.NULL_REQUIRED);
                possible.add(Defect.MISSING_REQUIRED);
            }
        }
        if (!typedQuery.isEmpty()) {
            possible.add(Defect.BAD_QUERY);
        }
        Defect defect = draw(Arbitraries.of(possible));

        // the valid request, then one defect, then harmless noise
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (Param p : op.params()) {
            if ("path".equals(p.in())) {
                pathValues.put(p.name(), validValue(p.name(), p.schema()).asString());
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        ObjectNode body = null;
        if (op.body() != null) {
            body = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : op.body().path("properties").properties()) {
                body.set(field.getKey(), validValue(field.getKey(), field.getValue()));
            }
        }
        String authorization = op.takesToken() ? "Bearer " + fixture.token() : null;
        String contentType = op.body() != null ? "application/json" : null;
        String rawBody = null;
        switch (defect) {
            case BAD_PATH_ID -> {
                Param p = draw(Arbitraries.of(pathIds));
                pathValues.put(p.name(), draw(garbageIds));
            }
            case BAD_TOKEN -> authorization = badToken();
            case UNREADABLE_CONTENT_TYPE -> {
                contentType = draw(unreadableContentTypes);
                if (body == null) {
                    rawBody = draw(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200)); // a body, whatever it is
                }
            }
            case BAD_JSON -> rawBody = draw(Arbitraries.oneOf(
                    Arbitraries.just(body.toString()).map(s -> s.substring(0, Math.max(1, s.length() - 1))),
                    Arbitraries.of("{", "}", "[", "{\"a\":}", "{'name':'x'}", "{\"name\":\"x\",}", "{\"name\":\"x\"} trailing", "\u0000",
                            "{\"name\":\"\\ud800\"", "[]", "[{}]", "\"just a string\"", "42", "true", "{\"a\":" + "[".repeat(3000) + "}"),
                    Arbitraries.strings().all().ofMinLength(1).ofMaxLength(100).filter(s -> !s.isBlank() && !"null".equals(s.strip()))));
            case WRONG_TYPE -> {
                List<String> fields = new ArrayList<>();
                op.body().path("properties").properties().forEach(e -> fields.add(e.getKey()));
                String field = draw(Arbitraries.of(fields));
                body.set(field, wrongValue(op.body().path("properties").get(field)));
            }
            case NULL_REQUIRED, MISSING_REQUIRED -> {
                List<String> required = new ArrayList<>();
                op.body().path("required").forEach(r -> required.add(r.asString()));
                String field = draw(Arbitraries.of(required));
                if (defect == Defect.NULL_REQUIRED) {
                    body.putNull(field);
                } else {
                    body.remove(field);
                }
            }
            case BAD_QUERY -> {
                Param p = draw(Arbitraries.of(typedQuery));
                String t = "uuid".equals(p.schema().path("format").asString()) ? "uuid" : type(p.schema());
                query.put(p.name(), switch (t) {
                    case "integer" -> draw(Arbitraries.of("abc", "-1", "0", "101", "1e3", "0x10", " 5", "5.0", "99999999999999999999", "١"));
                    case "boolean" -> draw(Arbitraries.of("yes", "1", "TRUE", "on", "maybe", "tru"));
                    case "uuid" -> draw(garbageIds);
                    default -> p.schema().has("maxLength") ? "q".repeat(p.schema().get("maxLength").asInt() + 1)
                            : "cursor".equals(p.name()) ? draw(Arbitraries.of("garbage", "eyJ4IjoxfQ", "%%", "AAAA")) : draw(Arbitraries.of("x".repeat(600)));
                });
            }
            case WRONG_PROVIDER -> pathValues.put("provider", draw(Arbitraries.oneOf(Arbitraries.of("mesh", "janus", "twilio", "hms", "livekit", "recording"),
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30))));
        }
        // noise that must not turn a refusal into an acceptance: extra fields, odd strings in other fields, odd Accept
        if (body != null && rawBody == null && defect != Defect.UNREADABLE_CONTENT_TYPE && random.nextInt(3) == 0) {
            body.put(draw(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)), draw(hugeOrOddStrings));
        }
        // mostly acceptable, so that the defect drawn above is what gets judged; now and then an Accept nothing satisfies
        String accept = draw(Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("application/json", "*/*", "application/problem+json", "text/html, */*;q=0.8")),
                Tuple.of(1, Arbitraries.of("text/html", "foo", ";;", "image/png", "application/json;q=0"))));
        String path = op.path();
        for (Map.Entry<String, String> v : pathValues.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String queryString = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        if (defect == Defect.WRONG_PROVIDER) {
            rawBody = "{}";
        }
        if (defect == Defect.WRONG_PROVIDER && "recording".equals(pathValues.get("provider"))) {
            rawBody = "connected " + fixture.room() + " " + fixture.member() + " 1"; // unsigned
        }
        return new Request(op.method(), path, queryString, authorization, contentType, accept,
                rawBody != null ? rawBody : body == null ? null : body.toString(), defect);
    }

    private HttpResponse<String> send(Request r) throws Exception {
        String uri = "http://localhost:" + port + r.path() + (r.query().isEmpty() ? "" : "?" + r.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(r.body()));
        if (r.authorization() != null) {
            request.header("Authorization", r.authorization());
        }
        if (r.contentType() != null) {
            request.header("Content-Type", r.contentType());
        }
        request.header("Accept", r.accept());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- the database snapshot

    private String snapshotQuery;

    private Map<String, String> snapshot() {
        if (snapshotQuery == null) {
            List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_type = 'BASE TABLE' ORDER BY table_name").query(String.class).list();
            snapshotQuery = tables.stream().filter(t -> !NOT_SNAPSHOTTED.contains(t))
                    .map(t -> "SELECT '" + t + "' AS t, count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS s FROM "
                            + t + " x")
                    .collect(Collectors.joining(" UNION ALL "));
        }
        Map<String, String> snapshot = new TreeMap<>();
        jdbc.sql(snapshotQuery).query((rs, n) -> snapshot.put(rs.getString(1), rs.getString(2))).list();
        return snapshot;
    }

    // ---------------------------------------------------------------- the run

    @Test
    void malformedRequestsToEveryOperationAreRefusedWithProblemsAndChangeNothing() throws Exception {
        // jqwik's generators run inside a session (normally opened by its own engine, which this JUnit test is not in)
        JqwikSession.start(Long.toString(SEED));
        try {
            fuzz();
        } finally {
            JqwikSession.finish();
        }
    }

    private void fuzz() throws Exception {
        fixture = world();
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Operation> operations = operations(json.readTree(docs.body()));
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(40);

        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<Defect, Integer> byDefect = new TreeMap<>();
        Map<String, Integer> acceptedByOperation = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        List<String> stateChanges = new ArrayList<>();
        int sent = 0;
        int refused = 0;
        int accepted = 0;
        Map<String, String> baseline = snapshot();
        int perOperation = (REQUESTS + operations.size() - 1) / operations.size();
        long started = System.nanoTime();
        for (int round = 0; round < perOperation; round++) {
            for (Iterator<Operation> it = operations.iterator(); it.hasNext(); ) {
                Operation op = it.next();
                Request request = generate(op);
                HttpResponse<String> answer = send(request);
                sent++;
                int status = answer.statusCode();
                byStatus.merge(status, 1, Integer::sum);
                byDefect.merge(request.defect(), 1, Integer::sum);
                String what = request.method() + " " + request.path() + (request.query().isEmpty() ? "" : "?" + request.query())
                        + " [" + request.defect() + "] -> " + status;
                if (status >= 500) {
                    serverErrors.add(what + " " + abbreviate(request.body()) + " " + abbreviate(answer.body()));
                }
                Map<String, String> now = snapshot();
                if (status >= 400) {
                    refused++;
                    String type = answer.headers().firstValue("Content-Type").orElse("");
                    if (!type.startsWith("application/problem+json")) {
                        notProblems.add(what + " " + type);
                    }
                    if (!now.equals(baseline)) {
                        stateChanges.add(what + " changed " + changedTables(baseline, now) + " body " + abbreviate(request.body()));
                    }
                } else {
                    accepted++;
                    acceptedByOperation.merge(what + " " + abbreviate(request.body()), 1, Integer::sum);
                }
                baseline = now;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("fuzz: %d requests over %d operations: %d 5xx, %d 4xx, %d 2xx, %d state changes from refused requests "
                + "(seed %d, %d s)%n", sent, operations.size(), serverErrors.size(), refused - serverErrors.size(), accepted,
                stateChanges.size(), SEED, took.toSeconds());
        System.out.println("fuzz: by status " + byStatus);
        System.out.println("fuzz: by defect " + byDefect);
        System.out.println("fuzz: accepted despite a defect " + acceptedByOperation);
        serverErrors.stream().limit(20).forEach(e -> System.out.println("fuzz 5xx: " + e));
        stateChanges.stream().limit(20).forEach(e -> System.out.println("fuzz state change: " + e));

        assertThat(sent).isGreaterThanOrEqualTo(REQUESTS);
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(notProblems).as("4xx answers that are not problem+json").isEmpty();
        assertThat(stateChanges).as("refused requests that changed the database").isEmpty();
    }

    private static List<String> changedTables(Map<String, String> before, Map<String, String> after) {
        return after.keySet().stream().filter(t -> !after.get(t).equals(before.get(t))).toList();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
