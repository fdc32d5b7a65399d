package dev.tribune.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.ApiTest;
import dev.tribune.events.SocketClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code ops/observability} read metrics this service really
 * exports: after a little real activity (a room live, a join, a socket subscribed, a chat message delivered to it),
 * every metric named in any of their expressions has a series in {@code /actuator/prometheus}. A renamed meter, or a
 * histogram query against a timer that publishes no buckets, fails here rather than as an empty panel or an alert
 * that can never fire.
 */
class DashboardMetricsTest extends ApiTest {

    static final Path DASHBOARD = Path.of("ops/observability/grafana/dashboards/tribune.json");
    static final Path ALERTS = Path.of("ops/observability/prometheus/alerts.yml");

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        List<String> expressions = dashboardExpressions();
        assertThat(expressions).hasSizeGreaterThan(20);
        assertThat(scrapeAfterActivity().missingFrom(expressions)).isEmpty();
    }

    @Test
    void everyMetricTheAlertRulesReadIsExported() throws Exception {
        List<String> expressions = alertExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
        assertThat(scrapeAfterActivity().missingFrom(expressions)).isEmpty();
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void theActivityMovesTheMetersThePanelsShow() throws Exception {
        double delivered = meters.get("tribune.events.delivered").counter().count();
        long lagged = meters.get("tribune.events.delivery.lag").timer().count();
        long joined = meters.get("tribune.joins.latency").tag("outcome", "joined").timer().count();
        scrapeAfterActivity();
        // at least the chat message to the subscribed listener; other tests' sockets may add more
        assertThat(meters.get("tribune.events.delivered").counter().count()).isGreaterThan(delivered);
        assertThat(meters.get("tribune.events.delivery.lag").timer().count()).isGreaterThan(lagged);
        assertThat(meters.get("tribune.joins.latency").tag("outcome", "joined").timer().count()).isGreaterThanOrEqualTo(joined + 2);
        // read from the database when the service started: a reading that failed would show NaN
        assertThat(meters.get("tribune.rooms.live").gauge().value()).isNotNaN();
        assertThat(meters.get("tribune.outbox.depth").tag("outbox", "provider").gauge().value()).isNotNaN();
        assertThat(meters.get("tribune.outbox.depth").tag("outbox", "push").gauge().value()).isNotNaN();
    }

    @Test
    void aQueryOfAMetricThatDoesNotExistIsCaught() throws Exception {
        ExportedMetrics exported = scrapeAfterActivity();
        // the real names, misspelled or without the histogram's buckets, as a renamed meter would leave them
        assertThat(exported.missingFrom(List.of(
                "histogram_quantile(0.99, sum by (le) (rate(tribune_events_delivery_lag_bucket[5m])))",
                "sum(rate(tribune_events_delivered[5m]))",
                "max(tribune_rooms_live{job=\"tribune\"}) + max(tribune_room_live)",
                "histogram_quantile(0.5, rate(tribune_joins_wait_seconds_bucket[5m]))")))
                .containsExactly("tribune_events_delivered", "tribune_events_delivery_lag_bucket", "tribune_joins_wait_seconds_bucket",
                        "tribune_room_live");
    }

    private ExportedMetrics scrapeAfterActivity() throws Exception {
        Session host = register("mhost");
        Session listener = register("mlistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Metrics"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        String ticket = (String) call(POST, "/api/v1/auth/ws-ticket", listener, null, 201).get("ticket");
        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?ticket=" + ticket)) {
            socket.send("{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"}");
            socket.expect("subscribed");
            call(POST, "/api/v1/rooms/" + room + "/messages", host, Map.of("text", "can everyone hear me?"), 201);
            JsonNode message;
            do {
                message = socket.expect("event");
            } while (!"chat.message".equals(message.path("type").asString()));
            String scrape = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseBody();
            return ExportedMetrics.fromScrape(scrape);
        }
    }

    static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        collectExpressions(JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)), expressions);
        return expressions;
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject() && node.path("expr").isString()) {
            into.add(node.path("expr").asString());
        }
        node.forEach(child -> collectExpressions(child, into));
    }

    @SuppressWarnings("unchecked")
    static List<String> alertExpressions() throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(ALERTS));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        return expressions;
    }
}
