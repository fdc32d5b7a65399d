package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import dev.tribune.shared.EmbeddedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

class WsTicketTest extends ApiTest {

    @Autowired
    WsTickets tickets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuthProperties authProperties;

    @Autowired
    ObjectProvider<EmbeddedDatabase> embedded;

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
    void anExpiredForgedOrUnknownTicketOpensNothing() {
        Session member = register("stale");
        var issuedLongAgo = new AccessTokens(JwtSecretResolver.resolve(authProperties, embedded.getIfAvailable()),
                Clock.offset(Clock.systemUTC(), WsTickets.TTL.plusSeconds(1).negated()), authProperties);
        String expired = issuedLongAgo.issueSocketTicket(member.userId(), false, WsTickets.TTL).ticket();
        assertThat(tickets.redeem(expired)).isEmpty();

        String ticket = ticketFor(member);
        String[] parts = ticket.split("\\.");
        String otherUsersClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace(member.userId().toString(),
                        register("victim").userId().toString()).getBytes());
        assertThat(tickets.redeem(parts[0] + "." + otherUsersClaims + "." + parts[2])).isEmpty();
        assertThat(tickets.redeem("made-up")).isEmpty();
        // the genuine ticket was not spent by those attempts
        assertThat(tickets.redeem(ticket)).isPresent();
    }

    @Test
    void aTicketIsNoAccessTokenAndAnAccessTokenNoTicket() {
        Session member = register("scopes");
        String ticket = ticketFor(member);
        client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + ticket).exchange().expectStatus().isUnauthorized();
        assertThat(tickets.redeem(member.accessToken())).isEmpty();
        assertThat(tickets.redeem(ticket)).isPresent();
    }

    @Test
    void issuingATicketWritesNothingAndTwoRedeemsAtOnceOpenOneSocket() throws Exception {
        Session member = register("tworedeems");
        long before = jdbc.sql("SELECT count(*) FROM ws_tickets").query(Long.class).single();
        String ticket = ticketFor(member);
        assertThat(jdbc.sql("SELECT count(*) FROM ws_tickets").query(Long.class).single()).isEqualTo(before);

        try (var pool = Executors.newFixedThreadPool(8)) {
            var ready = new CountDownLatch(1);
            List<Future<Optional<AuthenticatedUser>>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(pool.submit(() -> {
                    ready.await();
                    return tickets.redeem(ticket);
                }));
            }
            ready.countDown();
            int opened = 0;
            for (var attempt : attempts) {
                opened += attempt.get().isPresent() ? 1 : 0;
            }
            assertThat(opened).isEqualTo(1);
        }
    }

    @Test
    void aSuspendedAccountsTicketOpensNothing() {
        Session member = register("ticketsuspended");
        String ticket = ticketFor(member);
        jdbc.sql("UPDATE users SET suspended_until = now() + interval '1 hour' WHERE id = ?").param(member.userId()).update();
        assertThat(tickets.redeem(ticket)).isEmpty();
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
