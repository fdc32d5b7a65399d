package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * What an idle {@code /ws} socket costs in heap, roughly: the figure behind the per-user cap (it is printed as
 * {@code ws memory: ...}, about 32 KB; the bound asserted catches a doubling, such as a compressor per socket). The
 * clients are bare TCP sockets in this JVM, whose own heap share is a few hundred bytes, so nearly all of the growth
 * is the server's: Tomcat's connection and WebSocket frame buffers, the session, and our socket.
 */
class IdleSocketMemoryTest extends ApiTest {

    private static final int USERS = 16;
    /** What Chromium and Firefox offer on every socket. */
    static final String BROWSER_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    @Test
    void anIdleSocketOfferingCompressionAsBrowsersDoCostsTheServerTensOfKilobytesNotHundreds() throws Exception {
        List<String> urls = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            Session user = register("memory");
            for (int s = 0; s < 8; s++) {
                Map<String, Object> ticket = call(HttpMethod.POST, "/api/v1/auth/ws-ticket", user, null, 201);
                urls.add("ws://localhost:" + port + "/ws?ticket=" + ticket.get("ticket"));
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        List<StalledSocket> sockets = new ArrayList<>();
        try {
            for (String url : urls) {
                StalledSocket socket = new StalledSocket(url, BROWSER_OFFER);
                socket.send("{\"op\":\"ping\"}"); // a frame each way: every buffer a used socket has is there
                sockets.add(socket);
            }
            long after = settledHeap(memory);
            long perSocket = (after - before) / sockets.size();
            System.out.printf("ws memory: %d idle sockets, %d KB of heap each (server and bare client together)%n",
                    sockets.size(), perSocket / 1024);
            assertThat(perSocket).as("heap per idle socket").isLessThan(64 * 1024);
        } finally {
            for (StalledSocket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aBrowsersOfferOfCompressionIsDeclinedSoNoSocketCarriesACompressorOfItsOwn() throws Exception {
        Session user = register("deflate");
        Map<String, Object> ticket = call(HttpMethod.POST, "/api/v1/auth/ws-ticket", user, null, 201);
        try (StalledSocket socket = new StalledSocket("ws://localhost:" + port + "/ws?ticket=" + ticket.get("ticket"), BROWSER_OFFER)) {
            assertThat(socket.handshakeHeaders).as("the upgrade's answer").doesNotContainKey("sec-websocket-extensions");
        }
    }

    private static long settledHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
