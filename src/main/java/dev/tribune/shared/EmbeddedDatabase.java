package dev.tribune.shared;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL the service runs itself when no external database is configured: binaries from a Maven
 * artifact, data in a folder that outlives the process. Present as a bean only in that mode, so other modules
 * can keep files of their own beside its data folder.
 *
 * <p>The service owns the folder for as long as it runs: a lock file beside it ({@code <dir>.lock}, released by the
 * operating system when the process dies, however it dies) says so. A second service pointed at the same folder is
 * refused with a message naming the owner, never allowed to stop the owner's server. The server is supervised: if it
 * dies, it is started again on the same port and folder (the pool and the LISTEN connection reconnect by
 * themselves), so the service recovers without being restarted.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    private final Path dataDirectory;
    private final FileChannel ownership;
    private final int port;
    private final ScheduledExecutorService supervisor;
    private volatile EmbeddedPostgres postgres;
    private volatile long postmasterPid;
    private volatile boolean closed;

    private EmbeddedDatabase(Path dataDirectory, FileChannel ownership, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.ownership = ownership;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.postmasterPid = postmasterPid(dataDirectory);
        this.supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-postgres-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        supervisor.scheduleWithFixedDelay(this::restartIfDead, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    static EmbeddedDatabase start(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        refuseRootWithoutUserNamespaces(dir);
        FileChannel ownership = null;
        try {
            Files.createDirectories(dir.getParent());
            ownership = takeOwnership(dir);
            if (Files.notExists(dir)) {
                // PostgreSQL insists that only its owner can read its data folder
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // we own the folder now, so a server still running on it was left by a service that died without shutdown
            stopOrphanedServer(dir);
            boolean fresh = Files.notExists(dir.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = launch(dir, 0);
            log.info("{} embedded PostgreSQL in {} on port {}", fresh ? "Created" : "Reopened", dir, postgres.getPort());
            return new EmbeddedDatabase(dir, ownership, postgres);
        } catch (StartupFailure refused) {
            throw refused;
        } catch (IOException | RuntimeException e) {
            release(ownership);
            throw new StartupFailure(
                    "The embedded PostgreSQL could not start in " + dir + ": " + rootCause(e),
                    "Check that the folder is writable, set tribune.embedded-db.dir to another folder, or set "
                            + "SPRING_DATASOURCE_URL (with SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD) to "
                            + "use an external PostgreSQL.",
                    e);
        }
    }

    private static EmbeddedPostgres launch(Path dir, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                // the binaries beside the data, not in a shared /tmp folder another user may own
                .setOverrideWorkingDirectory(dir.resolveSibling("pg-binaries").toFile())
                .setCleanDataDirectory(false)
                // stopped by Spring after the web server and the sockets (close()), not by a JVM hook racing them
                .setRegisterShutdownHook(false)
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("encoding", "UTF8")
                .setServerConfig("max_connections", "200")
                // zonky turns this off for test speed; a commit we answered for must survive the server's crash
                .setServerConfig("synchronous_commit", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /**
     * Locks {@code <dir>.lock} for the life of this process and writes our pid into it. The lock, not the file, is the
     * claim: the operating system drops it when the process ends, so a crash never leaves the folder claimed.
     */
    private static FileChannel takeOwnership(Path dir) throws IOException {
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String owner = Files.readString(lockFile).strip();
            channel.close();
            throw new StartupFailure(
                    "The embedded PostgreSQL data folder " + dir + " is in use by another running Tribune"
                            + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; this instance will not touch it.",
                    "Give each instance its own tribune.embedded-db.dir, or run several instances on one external "
                            + "PostgreSQL (SPRING_DATASOURCE_URL).",
                    null);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
        return channel;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** The supervisor's watch: a server that died is started again on the same folder and port, until it stays up. */
    private void restartIfDead() {
        if (closed || isServerAlive()) {
            return;
        }
        log.error("The embedded PostgreSQL (pid {}) in {} has died; starting it again on port {}", postmasterPid, dataDirectory, port);
        try {
            // releases zonky's own lock on the folder; stopping the dead server just fails and is logged
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the dead embedded PostgreSQL", e);
        }
        try {
            stopOrphanedServer(dataDirectory);
            postgres = launch(dataDirectory, port);
            postmasterPid = postmasterPid(dataDirectory);
            log.info("The embedded PostgreSQL is running again (pid {})", postmasterPid);
        } catch (IOException | RuntimeException e) {
            // shared memory still held by dying backends, say: the next watch tries again
            log.warn("The embedded PostgreSQL did not start again yet: {}", rootCause(e).getMessage());
        }
    }

    private boolean isServerAlive() {
        return postmasterPid > 0 && ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        supervisor.shutdownNow();
        try {
            postgres.close();
        } finally {
            release(ownership);
        }
    }

    private static void release(FileChannel ownership) {
        if (ownership != null) {
            try {
                ownership.close();
            } catch (IOException e) {
                log.debug("Releasing the data folder's lock", e);
            }
        }
    }

    private static long postmasterPid(Path dir) {
        try {
            String firstLine = Files.readAllLines(dir.resolve("postmaster.pid")).stream().findFirst().orElse("").trim();
            return Long.parseLong(firstLine);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
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
     * data folder, and a new server then cannot start there. Called only while this process owns the folder, so such
     * a server has no living owner: stop it.
     */
    private static void stopOrphanedServer(Path dir) {
        long pid = postmasterPid(dir);
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a service that did not shut down", pid, dir);
        ProcessHandle process = orphan.get();
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
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
