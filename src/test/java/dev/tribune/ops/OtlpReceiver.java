package dev.tribune.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** An OTLP/HTTP trace receiver on loopback that only counts what is posted to {@code /v1/traces} and accepts it. */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger bytes = new AtomicInteger();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                bytes.addAndGet(body.readAllBytes().length);
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                posts.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    int posts() {
        return posts.get();
    }

    int bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
