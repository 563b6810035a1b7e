package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.domain.fixtures.Otlp;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two delta exports of the same series that arrive out of order (the later window first), as
 * concurrent exporters of one series produce. Both points are forwarded with their own ids, and the
 * session's running {@code totalCostUsd} counts both. (It left the earlier window out while the
 * ledger took any delta point at or before the last one of its series for a retried export.)
 */
class OutOfOrderDeltaTest {
    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;

    private static ExportMetricsServiceRequest cost(long startNanos, long timeNanos, double value) {
        return Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.cost.usage",
                AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, List.of(Otlp.point(startNanos, timeNanos, value,
                        attrs("session.id", "bbbbbbbb-0000-4000-8000-000000000001", "model", "m"))))));
    }

    @Test
    void deltaWindowsArrivingOutOfOrder_areBothCountedInTheSessionTotal() {
        daemon = fixture.start(Map.of());
        long t0 = System.currentTimeMillis() * 1_000_000L;
        long second = 1_000_000_000L;

        daemon.export(cost(t0 + second, t0 + 2 * second, 0.02)); // the later window first
        daemon.export(cost(t0, t0 + second, 0.01));

        assertEquals(2, backend.acceptedMetricIds().size(), "both points are forwarded");
        double total = backend.accepted().stream()
                .mapToDouble(r -> r.json().at("/session/totalCostUsd").asDouble()).max().orElse(0);
        assertEquals(0.03, total, 1e-9, "the session total counts both windows");
    }
}
