package dev.tribune.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL the service runs itself when no external database is configured: binaries from a Maven
 * artifact, data in a folder that outlives the process. Present as a bean only in that mode, so other modules
 * can keep files of their own beside its data folder.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        refuseRootWithoutUserNamespaces(dir);
        try {
            Files.createDirectories(dir.getParent());
            if (Files.notExists(dir)) {
                // PostgreSQL insists that only its owner can read its data folder
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            stopOrphanedServer(dir);
            boolean fresh = Files.notExists(dir.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    // the binaries beside the data, not in a shared /tmp folder another user may own
                    .setOverrideWorkingDirectory(dir.resolveSibling("pg-binaries").toFile())
                    .setCleanDataDirectory(false)
                    // the server runs as long as the service does; Spring closes it on shutdown
                    .setRegisterShutdownHook(true)
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("encoding", "UTF8")
                    .setServerConfig("max_connections", "200")
                    .start();
            log.info("{} embedded PostgreSQL in {} on port {}", fresh ? "Created" : "Reopened", dir, postgres.getPort());
            return new EmbeddedDatabase(dir, postgres);
        } catch (IOException | RuntimeException e) {
            throw new StartupFailure(
                    "The embedded PostgreSQL could not start in " + dir + ": " + rootCause(e),
                    "Check that the folder is writable and not used by another running Tribune, set "
                            + "tribune.embedded-db.dir to another folder, or set SPRING_DATASOURCE_URL (with "
                            + "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD) to use an external PostgreSQL.",
                    e);
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * PostgreSQL refuses to run as root. zonky runs it as an unprivileged user through {@code unshare -U} where the
     * kernel allows user namespaces; where it does not, initdb would fail with a cryptic message, so say why now.
     */
    private static void refuseRootWithoutUserNamespaces(Path dir) {
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new StartupFailure(
                    "PostgreSQL does not run as root, and this machine does not allow user namespaces "
                            + "('unshare -U' failed), so the embedded PostgreSQL cannot start in " + dir + ".",
                    "Run Tribune as a normal (non-root) user, allow unprivileged user namespaces "
                            + "(sysctl kernel.unprivileged_userns_clone=1 / user.max_user_namespaces > 0), or point "
                            + "SPRING_DATASOURCE_URL at an external PostgreSQL.",
                    null);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || uid().map(uid -> uid == 0).orElse(false);
    }

    private static Optional<Long> uid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Optional.of(((Number) uid).longValue());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A service killed without shutdown (kill -9, power loss of the JVM only) leaves its PostgreSQL running on the
     * data folder, and a new server then cannot start there. Nobody else may use our data folder, so stop it.
     */
    private static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (Files.notExists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(firstLine);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a service that did not shut down", pid, dir);
        ProcessHandle process = orphan.get();
        process.destroy();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
