package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReceiverLifecycleTest {
    private static final byte[] METRICS = Fixtures.bytes(Fixtures.pb("text-reply", "0002-metrics.pb"));

    @Test
    void pastTheConcurrencyLimit_anExportWaitsForAPlace_insteadOfBouncing() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.blocking();
        HttpReceiverConfig config = new HttpReceiverConfig("127.0.0.1", 0, 1 << 20, 2, Duration.ofSeconds(5));
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(config, ingest, () -> RunningHttpReceiver.IDLE)) {
            CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() ->
                    receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", METRICS)));
            CompletableFuture<HttpResponse<byte[]>> second = CompletableFuture.supplyAsync(() ->
                    receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", METRICS)));
            ingest.awaitHeld(2);
            CompletableFuture<HttpResponse<byte[]>> third = CompletableFuture.supplyAsync(() ->
                    receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", METRICS)));
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); receiver.server.waitingForAPlace() != 1;
                    Thread.sleep(5)) {
                assertTrue(System.nanoTime() < end, "the third export never waited");
            }
            assertTrue(!third.isDone(), "it waits");

            ingest.release();

            assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, third.get(10, TimeUnit.SECONDS).statusCode(), "it got its place");
            assertEquals(200, receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", METRICS)).statusCode(),
                    "permits come back");
        }
    }

    @Test
    void closeLetsTheExportInFlightFinish_andHealthSaysSoMeanwhile() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.blocking();
        RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest);
        CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(() ->
                receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", METRICS)));
        ingest.awaitHeld(1);
        assertEquals(200, receiver.get("/healthz").statusCode());

        CompletableFuture<Void> closing = CompletableFuture.runAsync(receiver.server::close);
        // Closing waits for the export; until then the listener is up but refuses new work.
        HttpResponse<String> health = awaitStatus(receiver, 503);
        assertEquals("shutting down\n", health.body());
        HttpResponse<byte[]> late = receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", METRICS));
        assertEquals(503, late.statusCode());
        assertTrue(!closing.isDone(), "close waits for the export in flight");

        ingest.release();
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(200, inFlight.get(10, TimeUnit.SECONDS).statusCode());
        assertThrows(RuntimeException.class, () -> receiver.get("/healthz"), "the port is closed");
        receiver.client.close();
    }

    private static HttpResponse<String> awaitStatus(RunningHttpReceiver receiver, int status) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            HttpResponse<String> health = receiver.get("/healthz");
            if (health.statusCode() == status) {
                return health;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("/healthz never answered " + status);
    }

    @Test
    void aTakenPortIsNamedInTheError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            OtlpHttpServer server = new OtlpHttpServer(HttpReceiverConfig.defaults().withPort(taken.getLocalPort()),
                    ScriptedIngest.accepting(), ScriptedIngest.accepting(), ScriptedIngest.accepting(),
                    () -> RunningHttpReceiver.IDLE);
            IllegalStateException e = assertThrows(IllegalStateException.class, server::start);
            assertTrue(e.getMessage().contains("receiver.http.port"), e.getMessage());
            server.close();
        }
    }

    @Test
    void aNonLoopbackHostIsWarnedAbout_loopbackIsNot() {
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(OtlpHttpServer.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            new OtlpHttpServer(new HttpReceiverConfig("127.0.0.1", 0, 1, 1, Duration.ZERO), ScriptedIngest.accepting(),
                    ScriptedIngest.accepting(), ScriptedIngest.accepting(), () -> RunningHttpReceiver.IDLE).close();
            assertEquals(java.util.List.of(), warnings);
            new OtlpHttpServer(new HttpReceiverConfig("0.0.0.0", 0, 1, 1, Duration.ZERO), ScriptedIngest.accepting(),
                    ScriptedIngest.accepting(), ScriptedIngest.accepting(), () -> RunningHttpReceiver.IDLE).close();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("receiver.http.host 0.0.0.0 is not a loopback address"), warnings.get(0));
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void configChecksNameTheirKeys() {
        assertKey("receiver.http.host", () -> new HttpReceiverConfig(" ", 0, 1, 1, Duration.ZERO));
        assertKey("receiver.http.port", () -> new HttpReceiverConfig("127.0.0.1", 70_000, 1, 1, Duration.ZERO));
        assertKey("receiver.max-message-bytes", () -> new HttpReceiverConfig("127.0.0.1", 0, 0, 1, Duration.ZERO));
        assertKey("receiver.max-concurrent-calls", () -> new HttpReceiverConfig("127.0.0.1", 0, 1, 0, Duration.ZERO));
        assertKey("receiver.shutdown-grace", () -> new HttpReceiverConfig("127.0.0.1", 0, 1, 1, Duration.ofSeconds(-1)));
        assertEquals(4318, HttpReceiverConfig.defaults().port());
        assertEquals("127.0.0.1", HttpReceiverConfig.defaults().host());
    }

    private static void assertKey(String key, Runnable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
