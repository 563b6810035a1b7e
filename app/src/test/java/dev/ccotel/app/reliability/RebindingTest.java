package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.ccotel.app.FakeBackend;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 5, end to end: a web page on a DNS-rebinding domain reaches the daemon's 127.0.0.1
 * under its own name. It must neither write (an OTLP/JSON export once injected a $999.50 session) nor
 * read (/status shows the home folder), on either listener; local exporters must keep working.
 */
class RebindingTest {
    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;

    @BeforeEach
    void start() {
        daemon = fixture.start(Map.of());
    }

    /** The answer's status line, head and body, over a plain socket: only so can the test choose the Host. */
    private String exchange(String method, String path, String headers, byte[] body) {
        String head = method + " " + path + " HTTP/1.1\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), daemon.httpPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            // Up to the end of the body Content-Length announces: the server need not close first.
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    throw new IOException("closed within the answer's head: " + answer);
                }
                answer.write(b);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                    .matcher(answer.toString(StandardCharsets.ISO_8859_1));
            answer.write(in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0));
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String postJsonLogs(String headers) {
        try {
            byte[] json = JsonFormat.printer().print(Fixtures.pbLogs("bash-tool")).getBytes(StandardCharsets.UTF_8);
            return exchange("POST", "/v1/logs", headers + "Content-Type: application/json\r\n", json);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What /status counts as log exports, whatever their outcome. */
    private static long exportsOfLogs(String statusAnswer) {
        try {
            com.fasterxml.jackson.databind.JsonNode logs = FakeBackend.JSON
                    .readTree(statusAnswer.substring(statusAnswer.indexOf("\r\n\r\n") + 4)).at("/exports/logs");
            long all = 0;
            for (var outcome : logs.properties()) {
                all += outcome.getValue().asLong();
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String host(String name) {
        return "Host: " + name + ":" + daemon.httpPort() + "\r\n";
    }

    private static void assertStatus(int expected, String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 " + expected + " "), answer);
    }

    @Test
    void anExportUnderARebindingName_isRefused_andNothingIsKeptOrForwarded() {
        String answer = postJsonLogs(host("attacker.example"));

        assertStatus(403, answer);
        assertTrue(answer.contains("is not this listener"), answer);
        assertTrue(backend.received().isEmpty(), "nothing was forwarded: " + backend.received());
        String status = exchange("GET", "/status", host("127.0.0.1"), new byte[0]);
        assertStatus(200, status);
        assertEquals(0, exportsOfLogs(status), "nothing was ingested: " + status);

        assertStatus(200, postJsonLogs(host("127.0.0.1"))); // the same export, addressed as an exporter does
        assertEquals(1, exportsOfLogs(exchange("GET", "/status", host("127.0.0.1"), new byte[0])), "and it counts");
        assertEquals(1, backend.accepted().size());
    }

    @Test
    void statusUnderARebindingName_isRefused_andShowsNothingOfTheMachine() {
        String refused = exchange("GET", "/status", host("attacker.example"), new byte[0]);
        String own = exchange("GET", "/status", host("127.0.0.1"), new byte[0]);

        assertStatus(403, refused);
        assertFalse(refused.contains(home.toString()), refused);
        assertFalse(refused.contains("version"), refused);
        assertStatus(200, own);
        assertTrue(own.contains("\"version\""), own);
    }

    /** Issue 24: a web page must not write a session's context, nor read a line of it. */
    @Test
    void theStatuslineAndHookUnderARebindingName_areRefused() {
        byte[] input = dev.ccotel.domain.fixtures.Captures2_1_332.bytes(
                "statusline/gateway-rate-limits/1-first/statusline-05.json");
        String refused = exchange("POST", "/statusline", host("attacker.example")
                + "Content-Type: application/json\r\n", input);
        assertStatus(403, refused);
        assertFalse(refused.contains("$"), refused);
        assertStatus(403, exchange("POST", "/hook", host("attacker.example") + "Origin: https://attacker.example\r\n"
                + "Content-Type: application/json\r\n", input));
        String own = exchange("POST", "/statusline", host("127.0.0.1") + "Content-Type: application/json\r\n", input);
        assertStatus(200, own);
        assertTrue(own.contains("~$0.016"), own);
    }

    @Test
    void aForeignOrNullOrigin_isRefused_evenUnderTheLoopbackName() {
        String evil = postJsonLogs(host("127.0.0.1") + "Origin: http://evil.example\r\n");
        String sandboxed = postJsonLogs(host("127.0.0.1") + "Origin: null\r\n");
        String metrics = exchange("GET", "/metrics", host("localhost") + "Origin: http://evil.example\r\n", new byte[0]);

        assertStatus(403, evil);
        assertStatus(403, sandboxed);
        assertStatus(403, metrics);
        assertFalse(evil.toLowerCase(java.util.Locale.ROOT).contains("access-control-allow-origin"), evil);
        assertTrue(backend.received().isEmpty());
    }

    @Test
    void localExporters_underEveryLoopbackSpelling_withOrWithoutTheirOwnOrigin_areServed() {
        assertStatus(200, postJsonLogs(host("127.0.0.1")));
        assertStatus(200, postJsonLogs(host("localhost")));
        assertStatus(200, postJsonLogs(host("[::1]")));
        assertStatus(200, postJsonLogs(host("localhost") + "Origin: http://localhost:" + daemon.httpPort() + "\r\n"));
        assertStatus(200, exchange("GET", "/healthz", host("[::1]") + "Origin: http://127.0.0.1:" + daemon.httpPort()
                + "\r\n", new byte[0]));

        assertEquals(4, backend.accepted().size(), "each export was forwarded");
    }

    @Test
    void theGrpcListener_refusesACallToAnotherName_andServesItsOwn() throws InterruptedException {
        ManagedChannel foreign = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext()
                .overrideAuthority("attacker.example:" + daemon.port()).build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> LogsServiceGrpc
                    .newBlockingStub(foreign).withDeadlineAfter(30, TimeUnit.SECONDS).export(Fixtures.pbLogs("bash-tool")));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        } finally {
            foreign.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        assertTrue(backend.received().isEmpty());

        daemon.export(Fixtures.pbLogs("bash-tool")); // the harness's own channel: 127.0.0.1:port
        assertEquals(1, backend.accepted().size());
    }
}
