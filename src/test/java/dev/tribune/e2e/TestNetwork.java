package dev.tribune.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network of the test's own making, so that nothing a browser or media server does touches this machine's own
 * addresses (MACHINE.md): a network namespace with {@code lo} and one end of a veth pair ({@link #guestAddress()}),
 * the other end in the test's namespace ({@link #hostAddress()}), where the service under test is reached.
 * Chromium gathers ICE candidates on every interface it sees, so it runs inside the namespace through a wrapper
 * executable ({@link #chromiumWrapper()}). Leftovers of killed runs are removed at start; everything on close.
 */
public final class TestNetwork implements AutoCloseable {

    private static final String PREFIX = "tribe2e";

    private final String name;
    private final String hostLink;
    private final String hostAddress;
    private final String guestAddress;
    private final Path wrapper;

    private TestNetwork(String name, String hostLink, String hostAddress, String guestAddress, Path wrapper) {
        this.name = name;
        this.hostLink = hostLink;
        this.hostAddress = hostAddress;
        this.guestAddress = guestAddress;
        this.wrapper = wrapper;
    }

    /** Why this machine cannot host the test network, or null when it can. */
    public static String unavailableBecause() {
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            return "/usr/bin/chromium is not installed (apt-get install -y chromium)";
        }
        try {
            Result probe = run("ip", "netns", "list");
            if (probe.exit != 0) {
                return "cannot list network namespaces: " + probe.output;
            }
            if (!"root".equals(System.getProperty("user.name"))) {
                return "making network namespaces needs root";
            }
        } catch (IOException e) {
            return "the ip command is missing (apt-get install -y iproute2)";
        }
        return null;
    }

    public static TestNetwork create() throws IOException {
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        int subnet = (int) (pid % 200) + 20;
        String name = PREFIX + pid;
        String hostLink = "te" + pid + "h";
        String guestLink = "te" + pid + "g";
        String hostAddress = "10.231." + subnet + ".1";
        String guestAddress = "10.231." + subnet + ".2";
        must("ip", "netns", "add", name);
        must("ip", "link", "add", hostLink, "type", "veth", "peer", "name", guestLink);
        must("ip", "link", "set", guestLink, "netns", name);
        must("ip", "addr", "add", hostAddress + "/24", "dev", hostLink);
        must("ip", "link", "set", hostLink, "up");
        must("ip", "netns", "exec", name, "ip", "addr", "add", guestAddress + "/24", "dev", guestLink);
        must("ip", "netns", "exec", name, "ip", "link", "set", guestLink, "up");
        must("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        // IPv4 only: no link-local IPv6 candidates to reason about
        run("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        Path wrapper = Files.createTempFile(name + "-chromium-", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(wrapper, "#!/bin/sh\nexec ip netns exec " + name + " /usr/bin/chromium \"$@\"\n", StandardCharsets.UTF_8);
        return new TestNetwork(name, hostLink, hostAddress, guestAddress, wrapper);
    }

    public String hostAddress() {
        return hostAddress;
    }

    public String guestAddress() {
        return guestAddress;
    }

    public Path chromiumWrapper() {
        return wrapper;
    }

    /** Runs a command inside the namespace (a media server, say), its output going to {@code log}. */
    public Process start(Path log, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Override
    public void close() throws IOException {
        // processes still inside would keep it busy: whatever the test left running there is killed
        Result pids = run("ip", "netns", "pids", name);
        for (String pid : pids.output.split("\\s+")) {
            if (!pid.isBlank()) {
                run("kill", "-9", pid.strip());
            }
        }
        run("ip", "link", "delete", hostLink);
        run("ip", "netns", "delete", name);
        Files.deleteIfExists(wrapper);
    }

    private static void removeLeftovers() throws IOException {
        for (String line : run("ip", "netns", "list").output.split("\n")) {
            String ns = line.split(" ")[0].strip();
            if (ns.startsWith(PREFIX)) {
                long owner = Long.parseLong(ns.substring(PREFIX.length()));
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                for (String pid : run("ip", "netns", "pids", ns).output.split("\\s+")) {
                    if (!pid.isBlank()) {
                        run("kill", "-9", pid.strip());
                    }
                }
                run("ip", "link", "delete", "te" + owner + "h");
                run("ip", "netns", "delete", ns);
            }
        }
    }

    private record Result(int exit, String output) {
    }

    private static void must(String... command) throws IOException {
        Result result = run(command);
        if (result.exit != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output);
        }
    }

    private static Result run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), output.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
