package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccotel.app.FakeBackend;
import dev.ccotel.domain.fixtures.Otlp;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A session split across two runs of the packaged daemon (stopped with SIGTERM, or killed with
 * kill -9, between them) ends with the same totals, in the store and in the wire, as the same
 * exports sent to one run; for delta and for cumulative exporters.
 */
class RestartIT {
    private static final String SESSION = "5e5510e0-0000-4000-8000-000000000001";
    private static final int TURNS = 6;

    @TempDir
    Path dir;

    private final FakeBackend backend = new FakeBackend();
    private final List<PackagedDaemon> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(d -> d.process().destroyForcibly());
        backend.close();
    }

    @ParameterizedTest(name = "{0} exporter, {1} between the runs")
    @CsvSource({"delta, sigterm", "delta, kill-9", "cumulative, sigterm", "cumulative, kill-9"})
    void sessionSplitAcrossTwoRuns_hasTheTotalsOfOneRun(String temporality, String stop) throws Exception {
        Path oneRun = Files.createDirectories(dir.resolve("one"));
        Path twoRuns = Files.createDirectories(dir.resolve("two"));
        // Both first daemons run before "Claude Code" starts, as they would on a real machine.
        PackagedDaemon single = start(oneRun);
        PackagedDaemon first = start(twoRuns);
        List<Object> exports = exports(temporality.equals("cumulative"));

        send(single, exports);
        JsonNode expectedWire = lastSessionSent(exports.size());
        stopGracefully(single);
        long[] expectedStore = storeTotals(oneRun);
        backend.clear();

        send(first, exports.subList(0, exports.size() / 2));
        assertTrue(FakeBackend.await(Duration.ofSeconds(30), () -> backend.accepted().size() >= exports.size() / 2),
                first.err().toString());
        if (stop.equals("kill-9")) {
            first.process().destroyForcibly();
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
        } else {
            stopGracefully(first);
        }
        PackagedDaemon second = start(twoRuns);
        send(second, exports.subList(exports.size() / 2, exports.size()));
        JsonNode actualWire = lastSessionSent(exports.size());
        stopGracefully(second);

        for (String total : List.of("totalPrompts", "totalApiRequests", "totalToolCalls", "totalCostUsd",
                "totalInputTokens", "totalOutputTokens")) {
            assertEquals(expectedWire.path(total).asDouble(), actualWire.path(total).asDouble(), 1e-9, total + " in "
                    + actualWire);
        }
        assertEquals(expectedWire.get("startedAt"), actualWire.get("startedAt"));
        assertEquals(TURNS, actualWire.get("totalPrompts").asInt());
        assertEquals(List.of(expectedStore[0], expectedStore[1], expectedStore[2]),
                List.of(storeTotals(twoRuns)[0], storeTotals(twoRuns)[1], storeTotals(twoRuns)[2]));
        System.out.printf("[reliability] %s exporter, %s between two daemon runs: totals %s equal one run's%n",
                temporality, stop, actualWire);
    }

    @org.junit.jupiter.api.Test
    void killMinus9DuringAnOutage_everyExportAnsweredOkIsDeliveredByTheNextDaemon() throws Exception {
        backend.down();
        PackagedDaemon first = start(dir);
        ClaudeCodeShapes shapes = new ClaudeCodeShapes();
        ClaudeCodeShapes.Oracle oracle = new ClaudeCodeShapes.Oracle();
        List<Object> exports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String session = String.format("9d1e0000-0000-4000-8000-%012d", i % 4);
            exports.add(shapes.turn(session, 0.001));
            exports.add(shapes.usage(session, 0.001, 10, 2));
        }
        send(first, exports); // each call throws unless answered OK
        exports.forEach(e -> {
            if (e instanceof ExportLogsServiceRequest logs) {
                oracle.sent(logs);
            } else {
                oracle.sent((ExportMetricsServiceRequest) e);
            }
        });
        first.process().destroyForcibly(); // kill -9, with everything waiting in the outbox
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));

        backend.up();
        PackagedDaemon second = start(dir);
        boolean all = FakeBackend.await(Duration.ofSeconds(60),
                () -> backend.acceptedEventIds().containsAll(oracle.eventIds)
                        && backend.acceptedMetricIds().containsAll(oracle.metricIds));
        stopGracefully(second);
        assertTrue(all, "delivered " + backend.acceptedEventIds().size() + " of " + oracle.eventIds.size() + " events\n"
                + second.err());
        assertEquals(oracle.eventIds, backend.acceptedEventIds(), "nothing invented either");
        System.out.printf("[reliability] kill -9 during an outage with %d exports answered OK: the next daemon"
                + " delivered all %d events and %d points%n", exports.size(), oracle.eventIds.size(), oracle.metricIds.size());
    }

    /** Per turn a logs export and a metrics export; cumulative metrics carry the running sum since one start. */
    private static List<Object> exports(boolean cumulative) {
        ClaudeCodeShapes shapes = new ClaudeCodeShapes();
        long start = Instant.now().toEpochMilli() * 1_000_000L; // after the first daemons, before the second
        List<Object> out = new ArrayList<>();
        double cost = 0;
        for (int i = 1; i <= TURNS; i++) {
            out.add(shapes.turn(SESSION, 0.01 * i));
            if (cumulative) {
                cost += 0.01 * i;
                long t = start + i * 1_000_000_000L;
                out.add(Otlp.metrics(Otlp.claudeCode(), List.of(
                        Otlp.sum("claude_code.cost.usage", AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                                List.of(Otlp.point(start, t, cost, attrs("session.id", SESSION, "model", "m")))),
                        Otlp.sum("claude_code.token.usage", AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                                List.of(Otlp.point(start, t, 100 * i, attrs("session.id", SESSION, "model", "m",
                                        "type", "input")))))));
            } else {
                out.add(shapes.usage(SESSION, 0.01 * i, 100, 20));
            }
        }
        return out;
    }

    private PackagedDaemon start(Path home) throws Exception {
        PackagedDaemon d = PackagedDaemon.start(home, List.of(), backend.url(), Map.of());
        started.add(d);
        return d;
    }

    private static void send(PackagedDaemon daemon, List<Object> exports) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext().build();
        try {
            for (Object export : exports) {
                if (export instanceof ExportLogsServiceRequest logs) {
                    LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).export(logs);
                } else {
                    MetricsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                            .export((ExportMetricsServiceRequest) export);
                }
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The session object of the last request the backend got, once it has {@code count} of them. */
    /**
     * The session of the last request once {@code count} different requests arrived. Counted by body:
     * after kill -9 the next daemon may send again a request the backend took but whose delivery the
     * killed one had not yet recorded (at least once), and counting that copy would read too early.
     */
    private JsonNode lastSessionSent(int count) {
        assertTrue(FakeBackend.await(Duration.ofSeconds(30), () -> distinctAccepted() >= count),
                "requests received: " + backend.accepted().size() + ", different: " + distinctAccepted());
        List<FakeBackend.Received> accepted = backend.accepted();
        return accepted.get(accepted.size() - 1).json().get("session");
    }

    private long distinctAccepted() {
        return backend.accepted().stream().map(FakeBackend.Received::body).distinct().count();
    }

    private static void stopGracefully(PackagedDaemon daemon) throws InterruptedException {
        daemon.process().destroy();
        assertTrue(daemon.process().waitFor(60, TimeUnit.SECONDS), daemon.err().toString());
        assertEquals(0, daemon.process().exitValue(), daemon.err().toString());
    }

    /** prompts, API requests and input tokens as the store's session row has them. */
    private static long[] storeTotals(Path home) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("ccotel.db"));
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT prompts, api_requests, input_tokens FROM sessions WHERE session_id = '" + SESSION + "'")) {
            assertTrue(rs.next(), "the session is in the store");
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }
}
