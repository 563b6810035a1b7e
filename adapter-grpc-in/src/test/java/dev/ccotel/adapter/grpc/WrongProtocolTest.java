package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** An OTLP/HTTP exporter pointed at the gRPC port gets one clear warning a minute, not Netty's line per export. */
class WrongProtocolTest {
    private static final String FIX = "OTEL_EXPORTER_OTLP_PROTOCOL=grpc";

    private static final class ManualClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-02T07:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Everything that reaches the root logger's handlers, whatever its level. */
    private static final class RootCapture extends Handler implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();

        RootCapture() {
            setLevel(Level.ALL);
            Logger.getLogger("").addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }

    private static void postHttp1(HttpClient client, int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/logs"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x0a, 0x00})).build();
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException expected) {
            // The gRPC port answers with an HTTP/2 GOAWAY, which an HTTP/1.1 client cannot read.
        }
    }

    /** The warning is logged on Netty's event loop, after the client has its answer: wait for it, bounded. */
    private static void await(LongSupplier seen, long count) throws InterruptedException {
        for (int i = 0; i < 1000 && seen.getAsLong() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, seen.getAsLong(), "HTTP/1.x requests recognised");
    }

    @Test
    void http1RequestsOnTheGrpcPort_oneWarningAMinuteWithTheFix_andGrpcStillServes() throws Exception {
        ManualClock clock = new ManualClock();
        ScriptedIngest ingest = ScriptedIngest.accepting();
        Logger.getLogger("io.grpc").setLevel(Level.WARNING); // as the daemon configures it
        try (CapturedLog warnings = CapturedLog.of(WrongProtocolWarning.class);
                RootCapture root = new RootCapture();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            OtlpGrpcServer server = new OtlpGrpcServer(RunningReceiver.localConfig(), ingest, ingest, ingest, clock)
                    .pointHttpExportersAt(Optional.of("http://127.0.0.1:4999")).start();
            try (var channelled = new ChannelTo(server)) {
                postHttp1(client, server.port());
                postHttp1(client, server.port());
                await(server::wrongProtocolRequests, 2);

                assertEquals(1, warnings.count(FIX), warnings.toString());
                assertTrue(warnings.contains("POST /v1/logs"), warnings.toString());
                assertTrue(warnings.contains("http://127.0.0.1:4999, receiver.http.port"),
                        "names the configured OTLP/HTTP port, not the default 4318: " + warnings);
                assertTrue(warnings.contains("http/protobuf or http/json"), warnings.toString());
                assertFalse(root.lines.stream().anyMatch(l -> l.contains("Unexpected HTTP/1.x")), root.lines.toString());

                ExportMetricsServiceResponse answer = channelled.metrics(Fixtures.pbMetrics("text-reply"));
                assertEquals(ExportMetricsServiceResponse.getDefaultInstance(), answer);

                clock.now = clock.now.plus(WrongProtocolWarning.INTERVAL).plusSeconds(1);
                postHttp1(client, server.port());
                await(server::wrongProtocolRequests, 3);
                assertEquals(2, warnings.count(FIX), warnings.toString());
                assertTrue(warnings.contains("1 more such request(s)"), warnings.toString());
            } finally {
                server.close();
            }
        } finally {
            Logger.getLogger("io.grpc").setLevel(null);
        }
    }

    @Test
    void otherNettyRecordsPassAsTheirLevelsSay() {
        WrongProtocolWarning filter = new WrongProtocolWarning(4317, Optional.empty(), Clock.systemUTC()).install();
        try {
            Logger.getLogger("io.grpc").setLevel(Level.WARNING);
            LogRecord info = new LogRecord(Level.INFO, "Transport failed");
            info.setLoggerName(WrongProtocolWarning.NETTY_LOGGERS[0]);
            info.setThrown(new IOException("Connection reset by peer"));
            LogRecord severe = new LogRecord(Level.SEVERE, "Transport failed");
            severe.setLoggerName(WrongProtocolWarning.NETTY_LOGGERS[0]);

            assertFalse(filter.isLoggable(info), "INFO stays hidden under io.grpc=WARNING");
            assertTrue(filter.isLoggable(severe));
            assertEquals(0, filter.seen());
        } finally {
            filter.uninstall();
            Logger.getLogger("io.grpc").setLevel(null);
        }
    }

    /** A plain gRPC channel to a server started outside RunningReceiver. */
    private static final class ChannelTo implements AutoCloseable {
        private final io.grpc.ManagedChannel channel;

        ChannelTo(OtlpGrpcServer server) {
            channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        }

        ExportMetricsServiceResponse metrics(io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest r) {
            return io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS).export(r);
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
