package dev.ccotel.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.FreshSession;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.model.Member;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one hub process on one PostgreSQL takes (docs/SCALING.md): N members each sending one new
 * session after another (a logs export and a metrics export of the write-file capture, its session id
 * made new each time) as fast as the hub answers, for a bounded time. Off unless {@code -Dccotel.bench=true}:
 * a measurement, not a test.
 */
class HubThroughputBench {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final int MEMBERS = Integer.getInteger("ccotel.bench.members", 8);
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("ccotel.bench.seconds", 20));

    @Test
    void exportsPerSecond_andBytesPerSession() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ccotel.bench"), "a benchmark: -Dccotel.bench=true");
        ExportLogsServiceRequest logs = Fixtures.pbLogs("write-file");
        ExportMetricsServiceRequest metrics = Fixtures.pbMetrics("write-file");
        try (HubStoreHarness hub = new HubStoreHarness(PG.newDatabase(), Clock.systemUTC())) {
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                members.add(hub.store.members().add("m" + i, "h" + i, Instant.now()).orElseThrow());
            }
            AtomicLong exports = new AtomicLong();
            long cpuBefore = processCpuNanos();
            long end = System.nanoTime() + RUN.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
            List<Future<?>> senders = new ArrayList<>();
            for (Member member : members) {
                senders.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String session = UUID.randomUUID().toString();
                        assertInstanceOf(IngestResult.Success.class, hub.send(member, FreshSession.logs(logs, session)));
                        assertInstanceOf(IngestResult.Success.class, hub.send(member, FreshSession.metrics(metrics, session)));
                        exports.addAndGet(2);
                    }
                    return null;
                }));
            }
            for (Future<?> f : senders) {
                f.get();
            }
            pool.shutdown();
            double seconds = RUN.toMillis() / 1000.0;
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            double sessions = hub.number("SELECT COUNT(*) FROM sessions");
            double bytes = hub.number("SELECT pg_total_relation_size('sessions') + pg_total_relation_size('events')"
                    + " + pg_total_relation_size('metrics') + pg_total_relation_size('session_states')");
            System.out.printf("BENCH members=%d seconds=%.0f exports=%d exports/s=%.0f hubJvmCpuSeconds=%.1f"
                    + " sessions=%.0f bytesPerSession=%.0f (events %.0f, points %.0f per session)%n", MEMBERS, seconds,
                    exports.get(), exports.get() / seconds, cpu, sessions, bytes / sessions,
                    hub.number("SELECT COUNT(*) FROM events") / sessions,
                    hub.number("SELECT COUNT(*) FROM metrics") / sessions);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
