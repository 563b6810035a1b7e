package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.httpin.RawHttp.Answer;
import dev.ccotel.domain.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding: a request addressed to another name than the listener's own, or sent by a page of a
 * foreign origin, is refused before any route, over a real socket to the real listener.
 */
class HostGuardTest {
    private static final byte[] LOGS = Fixtures.bytes(Fixtures.pb("text-reply", "0001-logs.pb"));
    private static final String PROTOBUF = "Content-Type: application/x-protobuf\r\n";

    private final ScriptedIngest ingest = ScriptedIngest.accepting();
    private final List<LogRecord> warnings = new ArrayList<>();
    /** The root: Helidon's own lines about a refused request count too. */
    private final Logger guardLog = Logger.getLogger("");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private RunningHttpReceiver receiver;

    @BeforeEach
    void start() {
        guardLog.addHandler(capture);
        receiver = RunningHttpReceiver.start(ingest);
    }

    @AfterEach
    void stop() {
        receiver.close();
        guardLog.removeHandler(capture);
    }

    private int port() {
        return receiver.server.port();
    }

    private Answer postLogs(String headers) {
        return RawHttp.exchange(port(), "POST", "/v1/logs", headers + PROTOBUF, LOGS);
    }

    private Answer get(String path, String headers) {
        return RawHttp.exchange(port(), "GET", path, headers, new byte[0]);
    }

    private static void assertRefused(Answer answer, String why) {
        assertEquals(403, answer.status(), answer.head());
        assertTrue(answer.body().contains(why), answer.body());
        assertTrue(answer.head().toLowerCase(Locale.ROOT).contains("content-type: text/plain"), answer.head());
        assertFalse(answer.head().toLowerCase(Locale.ROOT).contains("access-control-"), "no CORS: " + answer.head());
    }

    @Test
    void exportAddressedToARebindingName_isRefused_andNothingIsIngested() {
        Answer answer = postLogs("Host: attacker.example:" + port() + "\r\n");

        assertRefused(answer, "Host 'attacker.example:" + port() + "' is not this listener");
        assertEquals(0, ingest.calls(), "nothing reached the use case");
    }

    @Test
    void statusAskedUnderARebindingName_isRefused_andShowsNothing() {
        Answer answer = get("/status", "Host: attacker.example:" + port() + "\r\n");

        assertRefused(answer, "is not this listener");
        assertFalse(answer.body().contains("version"), answer.body());
    }

    @Test
    void everyPathIsGuarded_evenOneWithoutARoute() {
        for (String path : List.of("/healthz", "/metrics", "/v1/metrics", "/v1/traces", "/dashboard", "/nothing-here")) {
            assertRefused(get(path, "Host: attacker.example:" + port() + "\r\n"), "is not this listener");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example", "127.0.0.1", "localhost:1", "127.0.0.1.nip.io:PORT", "localhost.:PORT",
            "127.0.0.2:PORT", "0.0.0.0:PORT", "[::1]:1"})
    void aHostThatIsNotThisListenerWithItsPort_isRefused(String host) {
        Answer answer = postLogs("Host: " + host.replace("PORT", Integer.toString(port())) + "\r\n");

        assertRefused(answer, "is not this listener");
        assertEquals(0, ingest.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "http://attacker.example:PORT", "https://127.0.0.1:PORT",
            "http://127.0.0.1:1", "http://localhost"})
    void aForeignOrigin_isRefused_evenWithALoopbackHost(String origin) {
        Answer answer = postLogs("Host: 127.0.0.1:" + port() + "\r\nOrigin: "
                + origin.replace("PORT", Integer.toString(port())) + "\r\n");

        assertRefused(answer, "is foreign");
        assertEquals(0, ingest.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT", "[::1]:PORT", "[0:0:0:0:0:0:0:1]:PORT"})
    void loopbackNamesWithThePort_areServed(String host) {
        Answer answer = postLogs("Host: " + host.replace("PORT", Integer.toString(port())) + "\r\n");

        assertEquals(200, answer.status(), answer.head() + answer.body());
        assertEquals(1, ingest.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:PORT", "http://localhost:PORT", "http://[::1]:PORT"})
    void theListenersOwnOrigin_isServed(String origin) {
        String p = Integer.toString(port());
        Answer answer = postLogs("Host: localhost:" + p + "\r\nOrigin: " + origin.replace("PORT", p) + "\r\n");

        assertEquals(200, answer.status(), answer.head() + answer.body());
        assertEquals(200, get("/status", "Host: 127.0.0.1:" + p + "\r\nOrigin: " + origin.replace("PORT", p) + "\r\n")
                .status());
    }

    @Test
    void theJdkClientsOwnRequests_areServed() {
        // What an exporter sends: Host 127.0.0.1:port, no Origin.
        assertEquals(200, receiver.send(receiver.post("/v1/logs", "application/x-protobuf", LOGS)).statusCode());
        assertEquals(200, receiver.get("/status").statusCode());
    }

    @Test
    void manyRefusals_logOneWarning() {
        for (int i = 0; i < 20; i++) {
            postLogs("Host: attacker.example:" + port() + "\r\n");
        }

        synchronized (warnings) {
            assertEquals(1, warnings.size(), "one warning a minute, not one per request, and none of Helidon's: "
                    + warnings.stream().map(LogRecord::getMessage).toList());
            String message = warnings.get(0).getMessage();
            assertTrue(message.contains("attacker.example"), message);
            assertFalse(message.getBytes(StandardCharsets.UTF_8).length > 1_000, message);
        }
    }
}
