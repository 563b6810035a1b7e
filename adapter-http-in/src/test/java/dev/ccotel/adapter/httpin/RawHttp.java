package dev.ccotel.adapter.httpin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A plain socket to a listener on 127.0.0.1, writing HTTP/1.1 by hand: the JDK's client will not send
 * a Host of our choosing, nor half a request line, nor keep a connection silent.
 */
final class RawHttp implements AutoCloseable {
    /** Generous: only there so a broken test fails instead of hanging. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A response: the status code and the body as text. */
    record Answer(int status, String head, String body) {}

    final Socket socket;

    RawHttp(int port) {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request on a connection of its own; the headers text is put between the request line and the body. */
    static Answer exchange(int port, String method, String path, String headers, byte[] body) {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(method, path, headers, body);
        }
    }

    /** A request with Content-Length, and its answer; the connection stays as the server leaves it. */
    Answer send(String method, String path, String headers, byte[] body) {
        String head = method + " " + path + " HTTP/1.1\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n";
        write(head.getBytes(StandardCharsets.ISO_8859_1));
        write(body);
        return read();
    }

    void write(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (up to {@link #TIMEOUT}) for the server to close the connection, reading and dropping what
     * comes first. True when it closed (end of stream or reset); false when it stayed open that long.
     */
    boolean closedByServer() {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // an answer before the close is not what is asked about
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private Answer read() {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    throw new IOException("closed after " + head.size() + " bytes of the answer's head: " + head);
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            return new Answer(Integer.parseInt(text.substring(9, 12)), text, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
