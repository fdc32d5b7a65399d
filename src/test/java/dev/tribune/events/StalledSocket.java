package dev.tribune.events;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client written against the bare TCP socket so that it can truly stop reading, as a phone on a bad
 * network does: the kernel's buffers fill, then the server's outbox for it. The JDK client cannot model this, it
 * keeps reading into memory.
 */
final class StalledSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** The handshake answer's headers, names in lower case. */
    final Map<String, String> handshakeHeaders = new HashMap<>();

    StalledSocket(String url) throws IOException {
        this(url, "");
    }

    /** {@code extraHeaders}: more request header lines, each ending in CRLF (what a browser also sends). */
    StalledSocket(String url, String extraHeaders) throws IOException {
        URI uri = URI.create(url);
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setReceiveBufferSize(64 * 1024);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine(in);
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            int colon = header.indexOf(':');
            handshakeHeaders.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
    }

    /** Sends one masked text frame, as clients must. */
    void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    /**
     * Starts reading again and reads to the end: the status code of the close frame the server sent, or -1 if the
     * connection ended without one. Also counts the text frames read on the way.
     */
    int[] readUntilClosed() throws IOException {
        int texts = 0;
        socket.setSoTimeout(30_000);
        try {
            while (true) {
                int head = in.readUnsignedByte();
                int length = in.readUnsignedByte() & 0x7f;
                long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
                int opcode = head & 0x0f;
                if (opcode == 0x8) {
                    int code = size >= 2 ? in.readUnsignedShort() : -1;
                    return new int[] {code, texts};
                }
                if (opcode == 0x1) {
                    texts++;
                }
                in.skipNBytes(size);
            }
        } catch (EOFException | SocketException ended) {
            return new int[] {-1, texts};
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
