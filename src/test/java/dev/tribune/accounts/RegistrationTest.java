package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

class RegistrationTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void registeringCreatesAnAccountAndSignsIn() {
        String username = uniqueUsername("Reg");
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username.toUpperCase(), "password", "correct horse", "displayName", "  Ada  "))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.accessToken").isNotEmpty()
                .jsonPath("$.refreshToken").isNotEmpty()
                .jsonPath("$.expiresAt").value(String.class, at -> assertThat(at).endsWith("Z"))
                .jsonPath("$.user.id").isNotEmpty()
                .jsonPath("$.user.username").isEqualTo(username)
                .jsonPath("$.user.displayName").isEqualTo("Ada")
                .jsonPath("$.user.guest").isEqualTo(false);
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        Session session = register("hash");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(session.userId()).query(String.class).single();
        assertThat(hash).startsWith("$2").doesNotContain("correct horse");
    }

    @Test
    void ids_are_uuid_version_7() {
        Session session = register("uuid");
        assertThat(session.userId().version()).isEqualTo(7);
    }

    @Test
    void aTakenUsernameIsAConflictWhateverItsCase() {
        Session first = register("dup");
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", first.username().toUpperCase(), "password", "another one", "displayName", "Copy"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/conflict");
    }

    @Test
    void invalidFieldsAreListedInOneProblem() {
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "no spaces!", "password", "short", "displayName", "x".repeat(51)))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.errors[*].field").value(List.class,
                        fields -> assertThat(fields).containsExactlyInAnyOrder("username", "password", "displayName"));
    }

    @Test
    void missingFieldsAndControlCharactersAreRefused() {
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", uniqueUsername("ctl"), "password", "correct horse", "displayName", "bell\u0007"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("displayName");
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", uniqueUsername("nopw")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(List.class,
                        fields -> assertThat(fields).contains("password", "displayName"));
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedNotTruncated() {
        // 40 characters but 80 bytes: BCrypt would silently ignore the tail
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", uniqueUsername("long"), "password", "é".repeat(40), "displayName", "Long"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
    }

    @Test
    void ofManyConcurrentRegistrationsOfOneUsernameExactlyOneWins() throws Exception {
        String username = uniqueUsername("race");
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String spelling = i % 2 == 0 ? username : username.toUpperCase();
            attempts.add(() -> {
                start.await();
                return client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("username", spelling, "password", "correct horse", "displayName", "Racer"))
                        .exchange().returnResult().getStatus().value();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
            List<Future<Integer>> results = attempts.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(contenders - 1);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?").param(username).query(Integer.class).single())
                .isEqualTo(1);
    }
}
