package dev.tribune.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Debian's coturn, started with the deployment's own ops/coturn/turnserver.conf inside a {@link TestNetwork}. The
 * command line adds only what a test must: the shared secret, the namespace's address to listen and relay on (and
 * to relay to: the config refuses private networks), a pid file of its own, and verbose logging, read as proof that
 * media really went through it.
 */
public final class TurnTestServer implements AutoCloseable {

    public static final int PORT = 3478;

    private final Process process;
    private final Path log;
    private final Path pidFile;

    private TurnTestServer(Process process, Path log, Path pidFile) {
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    /** Why coturn cannot run here, or null when it can. */
    public static String unavailableBecause() {
        return Files.isExecutable(Path.of("/usr/bin/turnserver")) ? null : "coturn is not installed (apt-get install -y coturn)";
    }

    /** Starts coturn on {@code network}'s guest address with {@code secret}; returns once it answers on TCP 3478. */
    public static TurnTestServer started(TestNetwork network, String secret) throws IOException {
        Path log = Files.createTempFile("tribune-coturn-test", ".log");
        Path pidFile = Files.createTempFile("tribune-coturn-test", ".pid");
        String address = network.guestAddress();
        Process process = network.start(log, "turnserver", "-c", Path.of("ops/coturn/turnserver.conf").toAbsolutePath().toString(),
                "--static-auth-secret=" + secret, "--listening-ip=" + address, "--relay-ip=" + address,
                "--allowed-peer-ip=" + address, "--pidfile=" + pidFile, "--verbose");
        TurnTestServer server = new TurnTestServer(process, log, pidFile);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("coturn exited: " + Files.readString(log));
                }
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(InetAddress.getByName(address), PORT), 500);
                    return true;
                }
            });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** What coturn has logged so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
        Files.deleteIfExists(log);
    }
}
