package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tribune.TestDatabase;
import dev.tribune.TribuneApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The main job on a machine with no database installed: the service starts its own PostgreSQL in a data folder
 * that survives restarts, and keeps its token key beside that folder.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    private ConfigurableApplicationContext start(Path dataDir, boolean demoData) {
        return new SpringApplicationBuilder(TribuneApplication.class)
                .run("--server.port=0", "--tribune.embedded-db.dir=" + dataDir, "--tribune.demo-data=" + demoData);
    }

    private static RestTestClient clientFor(ConfigurableApplicationContext context) {
        return RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
                .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port")).build();
    }

    private static RestTestClient.ResponseSpec login(RestTestClient client, String username, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", username, "password", password)).exchange();
    }

    @Test
    void dataAndSessionsSurviveARestartAndDemoDataIsSeededOnlyOnce() throws Exception {
        Path dataDir = home.resolve("pgdata");
        String accessToken;
        try (ConfigurableApplicationContext first = start(dataDir, true)) {
            RestTestClient client = clientFor(first);
            assertThat(first.getBean(EmbeddedDatabase.class).dataDirectory()).isEqualTo(dataDir);
            // a newcomer finds the documented demo accounts
            login(client, "alice", "tribune-demo").expectStatus().isOk();
            // the demo's clubs and rooms come from their owners' services: counts kept
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT name, member_count, follower_count FROM clubs ORDER BY name")
                    .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2) + "/" + rs.getInt(3)).list())
                    .containsExactly("Late Night Jazz 1/2", "Open Source Builders 2/2");
            // demo data that tells the truth: no LIVE room whose panel is not there, so nothing silent in the hallway;
            // two rooms upcoming, hosted by alice, who can start them
            assertThat(jdbc.sql("SELECT count(*) FROM rooms WHERE status = 'LIVE'").query(Integer.class).single()).isZero();
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM participants p JOIN rooms r ON r.id = p.room_id
                    WHERE r.status = 'LIVE' AND p.role <> 'AUDIENCE' AND p.left_at IS NULL AND NOT p.present""")
                    .query(Integer.class).single()).as("LIVE panels waiting on people who are not there").isZero();
            assertThat(jdbc.sql("""
                    SELECT r.name FROM rooms r JOIN users u ON u.id = r.created_by
                    WHERE r.status = 'SCHEDULED' AND r.visibility = 'PUBLIC' AND u.username = 'alice' ORDER BY r.scheduled_for""")
                    .query(String.class).list()).containsExactly("Welcome to Tribune", "Shipping a self-hosted audio stack");
            Map<?, ?> session = client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("username", "persistent", "password", "correct horse", "displayName", "Stays"))
                    .exchange().expectStatus().isCreated().returnResult(Map.class).getResponseBody();
            accessToken = (String) session.get("accessToken");
            // a newcomer's hallway: nothing live until someone opens a room, the demo rooms under Upcoming
            client.get().uri("/api/v1/rooms?feed=all").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
            client.get().uri("/api/v1/rooms?feed=scheduled").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(2);
        }

        assertThat(dataDir.resolve("PG_VERSION")).exists();
        Path secret = home.resolve("jwt-secret");
        assertThat(secret).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(secret).trim()).hasSizeGreaterThanOrEqualTo(32);

        try (ConfigurableApplicationContext second = start(dataDir, true)) {
            RestTestClient client = clientFor(second);
            login(client, "persistent", "correct horse").expectStatus().isOk();
            // the key was reused, so tokens issued before the restart still work
            client.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.username").isEqualTo("persistent");
            Integer alices = second.getBean(JdbcClient.class)
                    .sql("SELECT count(*) FROM users WHERE username = 'alice'").query(Integer.class).single();
            assertThat(alices).isEqualTo(1);
            Integer upcoming = second.getBean(JdbcClient.class)
                    .sql("SELECT count(*) FROM rooms WHERE status = 'SCHEDULED'").query(Integer.class).single();
            assertThat(upcoming).as("the demo rooms are scheduled once, not again while they are still upcoming").isEqualTo(2);
        }
    }

    @Test
    void demoDataCanBeSwitchedOff() {
        try (ConfigurableApplicationContext context = start(home.resolve("quiet"), false)) {
            login(clientFor(context), "alice", "tribune-demo").expectStatus().isUnauthorized();
        }
    }

    @Test
    void aServerLeftRunningByAKilledServiceIsStoppedAndTheDataFolderReused() throws Exception {
        Path dataDir = home.resolve("orphaned");
        Process service = startHolder(dataDir);
        service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(dataDir.resolve("postmaster.pid")).as("its PostgreSQL is still running").exists();

        try (EmbeddedDatabase reopened = EmbeddedDatabase.start(dataDir)) {
            assertThat(reopened.jdbcUrl()).contains("jdbc:postgresql://");
        }
    }

    @Test
    void aDataFolderInUseByARunningServiceIsRefusedAndItsServerLeftAlone() throws Exception {
        Path dataDir = home.resolve("shared");
        Process owner = startHolder(dataDir);
        try {
            long ownersServer = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir))
                    .isInstanceOf(StartupFailure.class)
                    .hasMessageContaining("in use by another running Tribune (pid " + owner.pid() + ")");

            assertThat(ProcessHandle.of(ownersServer).map(ProcessHandle::isAlive)).as("the owner's PostgreSQL").contains(true);
            assertThat(owner.isAlive()).isTrue();
        } finally {
            owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // once the owner is gone (killed: its server is left running), the folder is free again
        try (EmbeddedDatabase reopened = EmbeddedDatabase.start(dataDir)) {
            assertThat(reopened.jdbcUrl()).contains("jdbc:postgresql://");
        }
    }

    private static Process startHolder(Path dataDir) throws Exception {
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedDatabaseHolder.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream()));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.equals(EmbeddedDatabaseHolder.READY));
        assertThat(line).as("the child service started its database").isEqualTo(EmbeddedDatabaseHolder.READY);
        // keep draining its output so it never blocks on a full pipe
        Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { }));
        return service;
    }

    @Test
    void withAnExternalDatabaseTheTokenKeyMustBeConfigured() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(TribuneApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + TestDatabase.jdbcUrl(), "--spring.datasource.username=postgres"))
                .rootCause()
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("tribune.auth.jwt-secret is not set");
    }
}
