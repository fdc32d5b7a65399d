package dev.tribune.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The hallway benchmark (issue 3): Tribune's feeds, room detail and search through the HTTP API of a running
 * service, beside the original tutorial's hallway queries on an equivalent copy of the same data, in the same
 * PostgreSQL and interleaved in the same run. Prints one summary table and writes it to a file.
 *
 * <p>Arguments: {@code <service jar> <tutorial sql file> <output file>}; the tutorial file may be absent, then only
 * Tribune's figures are printed. Run it with {@code ops/bench/hallway/run.sh}.
 */
public final class HallwayBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 20);
    private static final int OURS_PER_ROUND = 50;
    private static final int TUTORIAL_Q3_PER_ROUND = 10;
    private static final String SECRET = "hallway-benchmark-secret-hallway-benchmark-secret";

    private final Random random = new Random(42);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private String base;

    public static void main(String[] args) throws Exception {
        new HallwayBenchmark().run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    private void run(Path jar, Path tutorialSql, Path output) throws Exception {
        Path dataDir = Files.createTempDirectory("hallway-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "1GB").setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_wal_size", "4GB").setServerConfig("checkpoint_timeout", "30min")
                // -Dbench.explain=N logs the plan of every statement slower than N ms (PostgreSQL's auto_explain)
                .setServerConfig("shared_preload_libraries", "auto_explain,pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("auto_explain.log_min_duration", System.getProperty("bench.explain", "-1"))
                .setServerConfig("auto_explain.log_analyze", "on")
                .start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            int port = freePort();
            Process service = startService(jar, jdbcUrl, port);
            try (Connection db = postgres.getPostgresDatabase().getConnection()) {
                base = "http://127.0.0.1:" + port;
                waitUntilUp(service);
                log("service up; generating data (takes a few minutes)");
                long t0 = System.nanoTime();
                HallwayData.generate(db);
                log("Tribune's data in %.0f s: %s", (System.nanoTime() - t0) / 1e9, counts(db));
                boolean withTutorial = Files.exists(tutorialSql);
                Map<String, String> queries = Map.of();
                if (withTutorial) {
                    String text = Files.readString(tutorialSql);
                    HallwayData.copyToTutorial(db, text.substring(0, text.indexOf("-- Query 1")));
                    queries = tutorialQueries(text);
                    log("tutorial copy made");
                } else {
                    log("%s is absent: printing Tribune's figures only", tutorialSql);
                }
                try (Statement statement = db.createStatement()) {
                    statement.execute("CREATE EXTENSION pg_stat_statements");
                    statement.execute("SELECT pg_stat_statements_reset()");
                }
                measure(db, queries);
                log("the service's statements, slowest in total first (planning and execution, ms):%n%s", statementStats(db));
                // -Dbench.hold=SECONDS keeps the database up for a look with psql before everything is removed
                int hold = Integer.getInteger("bench.hold", 0);
                if (hold > 0) {
                    log("holding for %d s: psql -h localhost -p %d -U postgres", hold, postgres.getPort());
                    Thread.sleep(hold * 1000L);
                }
                String table = table(withTutorial);
                System.out.println();
                System.out.println(table);
                Files.createDirectories(output.toAbsolutePath().getParent());
                Files.writeString(output, table);
                log("written to %s", output);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    // -- the world the calls are drawn from ---------------------------------------------------------------

    private record Fixture(List<UUID> followers, List<Long> followerNumbers, List<UUID> smallRooms, List<Long> smallRoomNumbers,
            List<UUID> largeRooms, List<Long> largeRoomNumbers, List<UUID> anyone) {
    }

    private Fixture fixture(Connection db) throws SQLException {
        List<Object[]> followers = rows(db, "SELECT u.id, u.n FROM bench.u u WHERE EXISTS (SELECT 1 FROM club_follows f WHERE f.user_id = u.id)");
        List<Object[]> small = rows(db, "SELECT r.id, r.n FROM bench.r r JOIN rooms ro ON ro.id = r.id "
                + "WHERE ro.status = 'LIVE' AND ro.visibility = 'PUBLIC' AND r.size <= 10 ORDER BY r.n LIMIT 500");
        List<Object[]> large = rows(db, "SELECT r.id, r.n FROM bench.r r JOIN rooms ro ON ro.id = r.id "
                + "WHERE r.size >= 5000 AND ro.visibility = 'PUBLIC'");
        List<Object[]> anyone = rows(db, "SELECT id, n FROM bench.u ORDER BY n LIMIT 2000");
        return new Fixture(column(followers, 0), numbers(followers), column(small, 0), numbers(small), column(large, 0),
                numbers(large), column(anyone, 0));
    }

    // -- measuring ------------------------------------------------------------------------------------------

    private void measure(Connection db, Map<String, String> tutorial) throws Exception {
        Fixture f = fixture(db);
        // from here on this connection runs only the tutorial's queries, on the tutorial's tables
        try (Statement statement = db.createStatement()) {
            statement.execute("SET search_path TO tutorial");
        }
        log("fixture: %d followers, %d small rooms, %d very large public rooms", f.followers().size(), f.smallRooms().size(),
                f.largeRooms().size());
        List<String> words = List.of("jazz", "startup", "python", "football", "poetry", "design", "science", "music", "chess",
                "coffee", "hiking", "philosophy", "photography", "space");
        Map<String, Supplier<String>> ours = new LinkedHashMap<>();
        ours.put("feed=all (limit 100)", () -> get("/api/v1/rooms?feed=all&limit=100", pick(f.anyone())));
        ours.put("feed=all (limit 20)", () -> get("/api/v1/rooms?feed=all&limit=20", pick(f.anyone())));
        ours.put("feed=following (limit 100)", () -> get("/api/v1/rooms?feed=following&limit=100", pick(f.followers())));
        ours.put("feed=scheduled (limit 100)", () -> get("/api/v1/rooms?feed=scheduled&limit=100", pick(f.anyone())));
        ours.put("room detail, <= 10 people", () -> get("/api/v1/rooms/" + pick(f.smallRooms()), pick(f.anyone())));
        ours.put("room detail, 5,000+ people", () -> get("/api/v1/rooms/" + pick(f.largeRooms()), pick(f.anyone())));
        ours.put("search (limit 20)", () -> get("/api/v1/search?limit=20&q=" + pick(words), pick(f.anyone())));

        // warm up both sides, then interleave rounds so both see the same machine
        for (Supplier<String> call : ours.values()) {
            for (int i = 0; i < 100; i++) {
                call.get();
            }
        }
        if (!tutorial.isEmpty()) {
            sql(db, tutorial.get("q1"));
            sql(db, tutorial.get("q2").replace(":uid", Long.toString(pick(f.followerNumbers()))));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            for (Map.Entry<String, Supplier<String>> call : ours.entrySet()) {
                for (int i = 0; i < OURS_PER_ROUND; i++) {
                    long start = System.nanoTime();
                    call.getValue().get();
                    record("ours " + call.getKey(), start);
                }
            }
            if (!tutorial.isEmpty()) {
                time(db, "tutorial Q1 all rooms", tutorial.get("q1"));
                time(db, "tutorial Q2 rooms for a user", tutorial.get("q2").replace(":uid", Long.toString(pick(f.followerNumbers()))));
                for (int i = 0; i < TUTORIAL_Q3_PER_ROUND; i++) {
                    time(db, "tutorial Q3 detail, <= 10 people", tutorial.get("q3").replace(":rid", Long.toString(pick(f.smallRoomNumbers()))));
                    time(db, "tutorial Q3 detail, 5,000+ people", tutorial.get("q3").replace(":rid", Long.toString(pick(f.largeRoomNumbers()))));
                }
            }
            log("round %d of %d", round, ROUNDS);
        }
    }

    private void time(Connection db, String name, String query) throws SQLException {
        long start = System.nanoTime();
        sql(db, query);
        record(name, start);
    }

    private void record(String name, long startNanos) {
        samples.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - startNanos) / 1e6);
    }

    private String get(String path, UUID user) {
        String token = JWT.create().withIssuer("tribune").withSubject(user.toString()).withClaim("guest", false)
                .withExpiresAt(Instant.now().plusSeconds(3600)).sign(Algorithm.HMAC256(SECRET));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // -- the report -----------------------------------------------------------------------------------------

    private static final String[][] PAIRS = {
            {"ours feed=all (limit 100)", "tutorial Q1 all rooms"},
            {"ours feed=following (limit 100)", "tutorial Q2 rooms for a user"},
            {"ours room detail, <= 10 people", "tutorial Q3 detail, <= 10 people"},
            {"ours room detail, 5,000+ people", "tutorial Q3 detail, 5,000+ people"},
    };

    private String table(boolean withTutorial) {
        StringBuilder out = new StringBuilder();
        out.append("Hallway benchmark, ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores. Times in ms.\n\n");
        out.append("| call | n | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n");
        samples.forEach((name, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", name, v.length,
                    percentile(v, 50), percentile(v, 95), percentile(v, 99), v[v.length - 1]));
        });
        if (withTutorial) {
            out.append("\n| ours vs the tutorial | ours p50 | tutorial p50 | tutorial / ours |\n|---|---:|---:|---:|\n");
            for (String[] pair : PAIRS) {
                double ours = median(pair[0]);
                double theirs = median(pair[1]);
                double ratio = theirs / ours;
                out.append(String.format(Locale.ROOT, ratio < 10 ? "| %s | %.2f | %.2f | %.1fx |%n" : "| %s | %.2f | %.2f | %.0fx |%n",
                        pair[0].substring(5), ours, theirs, ratio));
            }
        }
        out.append("\nOurs: HTTP round trips to the running service (bearer-token check, JSON) on one keep-alive connection. ")
                .append("The tutorial's: the SQL alone over JDBC. Same PostgreSQL, same data, interleaved rounds.\n");
        return out.toString();
    }

    private double median(String name) {
        double[] v = samples.get(name).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return percentile(v, 50);
    }

    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    // -- plumbing -------------------------------------------------------------------------------------------

    private static Map<String, String> tutorialQueries(String text) {
        int q1 = text.indexOf("-- Query 1");
        int q2 = text.indexOf("-- Query 2");
        int q3 = text.indexOf("-- Query 3");
        return Map.of("q1", text.substring(q1, q2).trim(), "q2", text.substring(q2, q3).trim(), "q3", text.substring(q3).trim());
    }

    private Process startService(Path jar, String jdbcUrl, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--tribune.auth.jwt-secret=" + SECRET, "--tribune.demo-data=false",
                // nothing may end the generated rooms while they are measured
                "--tribune.rooms.sweep-interval=1d", "--tribune.presence.sweep-interval=1d",
                "--tribune.rooms.counts-interval=1d", "--logging.level.root=WARN"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "hallway-bench-service.log").toFile()).start();
    }

    private void waitUntilUp(Process service) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped; see hallway-bench-service.log in the temp folder");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not come up within 120 s");
    }

    private static String counts(Connection db) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String table : List.of("users", "clubs", "rooms", "participants", "club_follows")) {
            out.append(table).append('=').append(rows(db, "SELECT count(*) FROM " + table).getFirst()[0]).append(' ');
        }
        out.append("live=").append(rows(db, "SELECT count(*) FROM rooms WHERE status = 'LIVE'").getFirst()[0]);
        out.append(" largest=").append(rows(db, "SELECT max(participant_count) FROM rooms").getFirst()[0]);
        out.append(" median=").append(rows(db,
                "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY c) FROM (SELECT count(*) c FROM participants GROUP BY room_id) s")
                .getFirst()[0]);
        return out.toString();
    }

    private static String statementStats(Connection db) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (Object[] row : rows(db, """
                SELECT calls, round(mean_plan_time::numeric, 3), round(mean_exec_time::numeric, 3),
                       regexp_replace(left(coalesce(substring(query from 'WHERE.*'), query), 150), '\\s+', ' ', 'g')
                FROM public.pg_stat_statements
                WHERE query NOT LIKE '%json_agg(participant)%' AND calls >= 100
                ORDER BY total_plan_time + total_exec_time DESC LIMIT 12""")) {
            out.append(String.format(Locale.ROOT, "  calls %6s  plan %7s  exec %7s  %s%n", row[0], row[1], row[2], row[3]));
        }
        return out.toString();
    }

    private static void sql(Connection db, String query) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
    }

    private static List<Object[]> rows(Connection db, String query) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<UUID> column(List<Object[]> rows, int index) {
        return rows.stream().map(r -> (UUID) r[index]).toList();
    }

    private static List<Long> numbers(List<Object[]> rows) {
        return rows.stream().map(r -> ((Number) r[1]).longValue()).toList();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[hallway-bench %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 8),
                String.format(Locale.ROOT, format, args));
    }
}
