package dev.tribune.accounts;

import dev.tribune.ApiTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account found active is trusted for {@code tribune.auth.standing-cache} (5 s) without reading it again; what
 * stops an account still stops it on the next request.
 */
class AccountStandingCacheTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountSuspensions suspensions;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aSuspensionMadeHereStopsTheNextRequestThoughTheAccountWasJustSeenActive() {
        Session member = register("cachedsuspended");
        me(member).expectStatus().isOk();
        transactions.executeWithoutResult(status -> suspensions.suspend(member.userId(), AccountSuspensions.UNTIL_LIFTED));
        me(member).expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("/problems/suspended");

        // lifted: at once too (a stopped account is never remembered)
        transactions.executeWithoutResult(status -> suspensions.lift(member.userId()));
        me(member).expectStatus().isOk();
    }

    @Test
    void aDeletedAccountsTokenStopsAtOnceThoughItWasJustUsed() {
        Session member = register("cacheddeleted");
        me(member).expectStatus().isOk();
        client.delete().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(member)).exchange().expectStatus().isNoContent();
        me(member).expectStatus().isUnauthorized();
    }

    @Test
    void aSuspensionWrittenElsewhereReachesThisInstanceWithinTheCachesDuration() {
        Session member = register("cachedelsewhere");
        me(member).expectStatus().isOk();
        // as another instance sharing the database would write it: this instance is not told
        jdbc.sql("UPDATE users SET suspended_until = now() + interval '1 day' WHERE id = ?").param(member.userId()).update();
        Awaitility.await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(250))
                .until(() -> me(member).returnResult(String.class).getStatus().value() == 403);
    }

    private RestTestClient.ResponseSpec me(Session session) {
        return client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(session)).exchange();
    }
}
