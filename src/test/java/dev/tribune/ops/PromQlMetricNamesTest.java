package dev.tribune.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the dashboard and alert checks read out of an expression: metric names, and nothing else. */
class PromQlMetricNamesTest {

    @Test
    void aPlainSelectorNamesItsMetricAndNotItsLabels() {
        assertThat(PromQlMetricNames.in("up{job=\"tribune\", instance=~\"tribune-.*\"} == 0")).containsExactly("up");
    }

    @Test
    void functionsAggregationsAndTheirLabelListsAreNotMetrics() {
        assertThat(PromQlMetricNames.in("""
                histogram_quantile(0.99,
                  sum by (instance, le) (rate(tribune_events_delivery_lag_seconds_bucket{job="tribune"}[$__rate_interval])))"""))
                .containsExactly("tribune_events_delivery_lag_seconds_bucket");
        assertThat(PromQlMetricNames.in("max without(instance) (delta(tribune_outbox_depth[15m:1m] offset 5m))"))
                .containsExactly("tribune_outbox_depth");
    }

    @Test
    void bothSidesOfABinaryOperationAreRead() {
        assertThat(PromQlMetricNames.in("""
                sum by (instance) (rate(http_server_requests_seconds_count{status=~"5.."}[5m]))
                  / on (instance) group_left sum by (instance) (jvm_memory_max_bytes > 0) > bool 0.05
                  and tribune_readiness unless ignoring (state) tribune_provider_breaker_state"""))
                .containsExactly("http_server_requests_seconds_count", "jvm_memory_max_bytes", "tribune_readiness",
                        "tribune_provider_breaker_state");
    }

    @Test
    void wordsInsideLabelValuesAndNumbersAreNotMetrics() {
        assertThat(PromQlMetricNames.in("rate(a_total{outcome=\"success|error\", le=\"+Inf\"}[1m]) * 1e3 + Inf - NaN + 0x1F"))
                .containsExactly("a_total");
    }
}
