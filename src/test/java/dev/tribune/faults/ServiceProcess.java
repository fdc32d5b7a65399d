package dev.tribune.faults;

import dev.tribune.TribuneApplication;
import dev.tribune.events.ServiceInstance;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A whole service in a JVM of its own, as an operator runs it: started with the test's classpath, stopped with SIGTERM
 * or killed with SIGKILL. Its output goes to a log file the test names when it fails.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A service with its own embedded PostgreSQL in {@code home}/pgdata ({@code user.home} too, so nothing is shared). */
    static ServiceProcess embedded(Path home, String... settings) throws IOException {
        List<String> args = new ArrayList<>(List.of("--tribune.embedded-db.dir=" + home.resolve("pgdata"), "--tribune.demo-data=false",
                "--tribune.auth.rate-limit.permits=100000"));
        args.addAll(List.of(settings));
        return start(home, args);
    }

    private static ServiceProcess start(Path home, List<String> settings) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("tribune-fault-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), TribuneApplication.class.getName(),
                "--server.port=" + port));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(".")).start();
        return new ServiceProcess(process, port, log);
    }

    ServiceProcess awaitReady() {
        Awaitility.await("the service in " + log + " to be ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the service exited with " + process.exitValue() + "; see " + log);
                    }
                    return status("/actuator/health/readiness") == 200;
                });
        return this;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    ServiceInstance api() {
        return new ServiceInstance(baseUrl());
    }

    int status(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGTERM, as a container runtime or systemd stops a service; returns how long it took to exit. */
    Duration terminate() throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the service did not exit within 60 s of SIGTERM; see " + log);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    int exitCode() {
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops it if a test left it running: gracefully first, so its embedded PostgreSQL stops with it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
