package dev.ccotel.app.perf;

import dev.ccotel.adapter.httpout.wire.WireEncoder;
import dev.ccotel.adapter.sqlite.SqliteStore;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A year of heavy use in a local store, for the reports' and the dashboard's figures at size: {@code --sessions N}
 * sessions (default 20,000: about 55 a day), each one of the captured fixture scenarios under its own session id,
 * moved in time so that they spread evenly over the 365 days before {@code --until} (default now), through the
 * real ingest path. Prints where the store is and its size. Not a timing.
 *
 * <pre>mvn -B -q -Pbench -pl app test-compile exec:exec -Dbench.main=dev.ccotel.app.perf.YearOfHistory \
 *     -Dbench.args="--sessions 20000 --store /tmp/year/ccotel.db"</pre>
 */
public final class YearOfHistory {
    public static void main(String[] args) throws Exception {
        int sessions = 20_000;
        Path file = Files.createTempDirectory("ccotel-year").resolve("ccotel.db");
        Instant until = Instant.now();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--store" -> file = Path.of(args[i + 1]);
                case "--until" -> until = Instant.parse(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Instant from = until.minus(Duration.ofDays(365));
        long step = Duration.between(from, until).toNanos() / sessions;
        Clock clock = Clock.fixed(until, ZoneOffset.UTC);
        long started = System.nanoTime();
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, false), clock)) {
            ExportPipeline pipeline = new ExportPipeline(new OtlpMapper(clock, MappingOptions.privateByDefault("h")),
                    store.sessionStates(), new WireEncoder(), store.keeper(), clock);
            IngestLogsService logs = new IngestLogsService(pipeline);
            IngestMetricsService metrics = new IngestMetricsService(pipeline);
            for (int i = 0; i < sessions; i++) {
                String scenario = Fixtures.SCENARIOS.get(i % Fixtures.SCENARIOS.size());
                long at = from.plusNanos(step * i).getEpochSecond() * 1_000_000_000L;
                ExportLogsServiceRequest l = Workloads.renameSession(Fixtures.pbLogs(scenario), "ea55", i);
                ExportMetricsServiceRequest m = Workloads.renameSession(Fixtures.pbMetrics(scenario), "ea55", i);
                long first = firstTime(l);
                logs.ingest(new IngestLogsCommand(moved(l, at - first)));
                metrics.ingest(new IngestMetricsCommand(moved(m, at - first)));
                if ((i + 1) % 2_000 == 0) {
                    System.err.printf("%,d sessions ...%n", i + 1);
                }
            }
        }
        System.out.printf("%,d sessions from %s to %s in %s: %,d bytes (%.1f s)%n", sessions, from, until, file,
                Files.size(file), (System.nanoTime() - started) / 1e9);
    }

    private static long firstTime(ExportLogsServiceRequest r) {
        return r.getResourceLogsList().stream().flatMap(rl -> rl.getScopeLogsList().stream())
                .flatMap(sl -> sl.getLogRecordsList().stream()).mapToLong(LogRecord::getTimeUnixNano)
                .filter(t -> t > 0).min().orElse(0);
    }

    private static ExportLogsServiceRequest moved(ExportLogsServiceRequest r, long by) {
        ExportLogsServiceRequest.Builder b = r.toBuilder();
        b.getResourceLogsBuilderList().forEach(rl -> rl.getScopeLogsBuilderList().forEach(sl ->
                sl.getLogRecordsBuilderList().forEach(lr -> {
                    if (lr.getTimeUnixNano() > 0) {
                        lr.setTimeUnixNano(lr.getTimeUnixNano() + by);
                    }
                    if (lr.getObservedTimeUnixNano() > 0) {
                        lr.setObservedTimeUnixNano(lr.getObservedTimeUnixNano() + by);
                    }
                })));
        return b.build();
    }

    private static ExportMetricsServiceRequest moved(ExportMetricsServiceRequest r, long by) {
        ExportMetricsServiceRequest.Builder b = r.toBuilder();
        b.getResourceMetricsBuilderList().forEach(rm -> rm.getScopeMetricsBuilderList().forEach(sm ->
                sm.getMetricsBuilderList().forEach(metric -> {
                    if (metric.getDataCase() == Metric.DataCase.SUM) {
                        metric.getSumBuilder().getDataPointsBuilderList().forEach(p -> move(p, by));
                    } else if (metric.getDataCase() == Metric.DataCase.GAUGE) {
                        metric.getGaugeBuilder().getDataPointsBuilderList().forEach(p -> move(p, by));
                    }
                })));
        return b.build();
    }

    private static void move(NumberDataPoint.Builder p, long by) {
        if (p.getTimeUnixNano() > 0) {
            p.setTimeUnixNano(p.getTimeUnixNano() + by);
        }
        if (p.getStartTimeUnixNano() > 0) {
            p.setStartTimeUnixNano(p.getStartTimeUnixNano() + by);
        }
    }
}
