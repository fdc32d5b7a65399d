package dev.tribune.firebase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP road to a server that a test can cut: while {@link #cut()}, connections are refused (nothing listens on the
 * port); while {@link #stall()}, they are accepted and never answered, as a Firebase that hangs. The service under
 * test is pointed at the road instead of the server, so that one running service meets an unreachable Firebase
 * without being restarted.
 */
public final class RoadToFirebase {

    private enum State { OPEN, STALLED, CUT }

    private final InetSocketAddress server;
    private final InetAddress bindTo;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile State state = State.OPEN;
    private volatile ServerSocket listener;

    public RoadToFirebase(String serverHost) {
        this(serverHost, InetAddress.getLoopbackAddress());
    }

    /** A road that listens on {@code bindTo}: a browser in a test network reaches the emulator over it. */
    public RoadToFirebase(String serverHost, InetAddress bindTo) {
        String[] hostAndPort = serverHost.split(":");
        this.server = new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
        this.bindTo = bindTo;
        this.listener = listen(bindTo, 0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** host:port of the road. */
    public String host() {
        return bindTo.getHostAddress() + ":" + port;
    }

    /** Connections are refused until {@link #open()}; those open are dropped. */
    public synchronized void cut() {
        state = State.CUT;
        closeQuietly(listener);
        dropAll();
    }

    /** Connections are taken and never answered until {@link #open()}. */
    public synchronized void stall() {
        if (state == State.CUT) {
            open();
        }
        state = State.STALLED;
        // kept-alive connections would otherwise still be served
        dropAll();
    }

    public synchronized void open() {
        if (state == State.CUT) {
            listener = listen(bindTo, port);
            accept(listener);
        }
        state = State.OPEN;
        dropAll();
    }

    private void accept(ServerSocket from) {
        Thread.ofVirtual().name("road-to-firebase").start(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    sockets.add(client);
                    if (state == State.OPEN) {
                        relay(client);
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void relay(Socket client) {
        try {
            Socket upstream = new Socket(server.getAddress(), server.getPort());
            sockets.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        } catch (IOException unreachable) {
            closeQuietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ended) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private void dropAll() {
        sockets.forEach(RoadToFirebase::closeQuietly);
        sockets.clear();
    }

    private static ServerSocket listen(InetAddress bindTo, int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindTo, port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindTo.getHostAddress() + ":" + port, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
