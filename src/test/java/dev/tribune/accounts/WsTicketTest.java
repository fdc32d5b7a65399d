package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

class WsTicketTest extends ApiTest {

    @Autowired
    WsTickets tickets;

    @Autowired
    JdbcClient jdbc;

    private String ticketFor(Session session) {
        Map<?, ?> body = client.post().uri("/api/v1/auth/ws-ticket").header(HttpHeaders.AUTHORIZATION, bearer(session))
                .exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody();
        Instant expiresAt = Instant.parse((String) body.get("expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
        return (String) body.get("ticket");
    }

    @Test
    void aTicketOpensTheSocketOnceForItsUser() {
        Session member = register("ticket");
        String ticket = ticketFor(member);
        assertThat(tickets.redeem(ticket)).hasValueSatisfying(user -> {
            assertThat(user.id()).isEqualTo(member.userId());
            assertThat(user.guest()).isFalse();
        });
        assertThat(tickets.redeem(ticket)).isEmpty();
    }

    @Test
    void guestsGetTicketsToo() {
        Session guest = guest();
        assertThat(tickets.redeem(ticketFor(guest))).hasValueSatisfying(user -> assertThat(user.guest()).isTrue());
    }

    @Test
    void anExpiredOrUnknownTicketOpensNothing() {
        Session member = register("stale");
        String ticket = ticketFor(member);
        jdbc.sql("UPDATE ws_tickets SET expires_at = now() - interval '1 second' WHERE user_id = ?").param(member.userId()).update();
        assertThat(tickets.redeem(ticket)).isEmpty();
        assertThat(tickets.redeem("made-up")).isEmpty();
    }

    @Test
    void aDeletedAccountsTicketOpensNothing() {
        Session member = register("ticketgone");
        String ticket = ticketFor(member);
        client.delete().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, bearer(member)).exchange().expectStatus().isNoContent();
        assertThat(tickets.redeem(ticket)).isEmpty();
    }

    @Test
    void ticketsAreRateLimitedPerUserGenerouslyEnoughForAPageThatReconnects() {
        Session member = register("ticketflood");
        for (int i = 0; i < 30; i++) {
            ticketFor(member);
        }
        client.post().uri("/api/v1/auth/ws-ticket").header(HttpHeaders.AUTHORIZATION, bearer(member))
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/rate-limited");
        // the limit is the user's own: someone else still gets tickets
        ticketFor(register("ticketcalm"));
    }
}
