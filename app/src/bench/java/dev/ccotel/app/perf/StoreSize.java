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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;

/**
 * Bytes the local store takes per session: {@code --sessions N} sessions, each one of the four
 * captured fixture scenarios (logs and metrics export) under a session id of its own, through the
 * real ingest path into a fresh store; then a checkpoint and the file's size. Not a timing.
 *
 * <pre>mvn -B -q -Pbench -pl app test-compile exec:exec -Dbench.main=dev.ccotel.app.perf.StoreSize -Dbench.args="--sessions 1000"</pre>
 */
public final class StoreSize {
    public static void main(String[] args) throws Exception {
        int sessions = args.length == 2 && args[0].equals("--sessions") ? Integer.parseInt(args[1]) : 1_000;
        for (boolean forward : new boolean[] {false, true}) {
            Path dir = Files.createTempDirectory("ccotel-size");
            Path file = dir.resolve("ccotel.db");
            Clock clock = Clock.systemUTC();
            try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, forward), clock)) {
                ExportPipeline pipeline = new ExportPipeline(new OtlpMapper(clock, MappingOptions.privateByDefault("h")),
                        store.sessionStates(), new WireEncoder(), store.keeper(), clock);
                IngestLogsService logs = new IngestLogsService(pipeline);
                IngestMetricsService metrics = new IngestMetricsService(pipeline);
                for (int i = 0; i < sessions; i++) {
                    String scenario = Fixtures.SCENARIOS.get(i % Fixtures.SCENARIOS.size());
                    logs.ingest(new IngestLogsCommand(Workloads.renameSession(Fixtures.pbLogs(scenario), "5e55", i)));
                    metrics.ingest(new IngestMetricsCommand(
                            Workloads.renameSession(Fixtures.pbMetrics(scenario), "5e55", i)));
                }
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            long bytes = Files.size(file);
            System.out.printf("%,d sessions (the 4 fixture scenarios in turn), outbox %s: %,d bytes = %,d bytes"
                    + " per session%n", sessions, forward ? "kept (backend configured, not yet delivered)"
                    : "empty (no backend)", bytes, bytes / sessions);
        }
    }
}
