package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * receiver.http.max-connections, header-timeout and idle-timeout, over real sockets. No test asserts how
 * fast a bound acts: each waits for the outcome with a generous bound.
 */
class ConnectionBoundsTest {
    private static final byte[] LOGS = Fixtures.bytes(Fixtures.pb("text-reply", "0001-logs.pb"));
    private static final Duration LONG = Duration.ofMinutes(5);

    private static RunningHttpReceiver start(ScriptedIngest ingest, int maxConnections, Duration headerTimeout,
            Duration idleTimeout) {
        return RunningHttpReceiver.start(RunningHttpReceiver.localConfig()
                .withConnectionBounds(maxConnections, headerTimeout, idleTimeout), ingest, () -> RunningHttpReceiver.IDLE);
    }

    private static String host(RunningHttpReceiver receiver) {
        return "Host: 127.0.0.1:" + receiver.server.port() + "\r\nContent-Type: application/x-protobuf\r\n";
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(RawHttp.TIMEOUT);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** An export on a connection of its own; false when the listener closed it instead of answering. */
    private static boolean exportSucceeds(RunningHttpReceiver receiver) {
        try {
            return RawHttp.exchange(receiver.server.port(), "POST", "/v1/logs", host(receiver), LOGS).status() == 200;
        } catch (java.io.UncheckedIOException closed) {
            return false;
        }
    }

    @Test
    void moreConnectionsThanTheCap_theExtraAreClosedAtOnce_andAnExportSucceedsOnceOnesAreFreed() throws Exception {
        int cap = 4;
        ScriptedIngest ingest = ScriptedIngest.accepting();
        List<RawHttp> held = new ArrayList<>();
        try (RunningHttpReceiver receiver = start(ingest, cap, LONG, LONG)) {
            for (int i = 0; i < cap; i++) {
                held.add(new RawHttp(receiver.server.port())); // silent: the header timeout is far away
            }
            for (int i = 0; i < 6; i++) {
                try (RawHttp extra = new RawHttp(receiver.server.port())) {
                    assertTrue(extra.closedByServer(), "connection " + (cap + i + 1) + " over the cap was closed");
                }
            }
            assertFalse(exportSucceeds(receiver), "the cap holds for an exporter too while it is full");

            // The held ones were taken, not refused: they are served.
            RawHttp first = held.get(0);
            assertEquals(200, first.send("POST", "/v1/logs", host(receiver), LOGS).status());
            held.remove(0).close();
            held.remove(0).close();

            assertTrue(await(() -> exportSucceeds(receiver)), "an export gets a freed place");
            assertEquals(2, ingest.calls());
        } finally {
            held.forEach(RawHttp::close);
        }
    }

    @Test
    void aConnectionThatSendsHalfARequestLine_orNothing_isClosedAfterTheHeaderTimeout() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = start(ingest, 16, Duration.ofMillis(500), LONG);
                RawHttp half = new RawHttp(receiver.server.port());
                RawHttp silent = new RawHttp(receiver.server.port())) {
            half.write("POST /v1/lo".getBytes(StandardCharsets.ISO_8859_1));

            assertTrue(half.closedByServer(), "half a request line is not kept for ever");
            assertTrue(silent.closedByServer(), "nor a connection that says nothing");
            assertEquals(0, ingest.calls());
            assertTrue(exportSucceeds(receiver));
        }
    }

    @Test
    void aKeepAliveConnectionThatSentItsRequest_outlivesTheHeaderTimeout() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        Duration headerTimeout = Duration.ofMillis(300);
        try (RunningHttpReceiver receiver = start(ingest, 16, headerTimeout, LONG);
                RawHttp exporter = new RawHttp(receiver.server.port())) {
            assertEquals(200, exporter.send("POST", "/v1/logs", host(receiver), LOGS).status());
            Thread.sleep(headerTimeout.multipliedBy(5).toMillis()); // long past the header timeout

            assertEquals(200, exporter.send("POST", "/v1/logs", host(receiver), LOGS).status(),
                    "the header timeout is for a connection's first request head only");
            assertEquals(2, ingest.calls());
        }
    }

    @Test
    void anIdleKeepAliveConnection_isClosedAfterTheIdleTimeout_andTheExporterReconnects() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = start(ingest, 16, LONG, Duration.ofMillis(500));
                RawHttp exporter = new RawHttp(receiver.server.port())) {
            assertEquals(200, exporter.send("POST", "/v1/logs", host(receiver), LOGS).status());

            assertTrue(exporter.closedByServer(), "an idle keep-alive connection is closed");
            assertTrue(exportSucceeds(receiver), "a new connection is served");
            assertEquals(200, receiver.send(receiver.post("/v1/logs", "application/x-protobuf", LOGS)).statusCode());
        }
    }

    @Test
    void theBoundsAreValidated_namingTheirKeys() {
        HttpReceiverConfig base = HttpReceiverConfig.defaults();
        for (String key : List.of("receiver.http.max-connections", "receiver.http.header-timeout",
                "receiver.http.idle-timeout")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base.withConnectionBounds(
                    key.endsWith("max-connections") ? 0 : 1,
                    key.endsWith("header-timeout") ? Duration.ZERO : Duration.ofSeconds(1),
                    key.endsWith("idle-timeout") ? Duration.ofSeconds(-1) : Duration.ofSeconds(1)));
            assertTrue(e.getMessage().startsWith(key), e.getMessage());
        }
        assertEquals(256, base.maxConnections());
        assertTrue(base.idleTimeout().compareTo(Duration.ofSeconds(60)) > 0,
                "longer than Claude Code's 60 s between metric exports");
    }
}
