package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.fakes.RecordingEncoder;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/** A store on a real file, wired to the real ingest services as the daemon wires them. */
final class StoreHarness implements AutoCloseable {
    final Path file;
    final SqliteStore store;
    final RecordingEncoder encoder = new RecordingEncoder();
    private final IngestLogsService logs;
    private final IngestMetricsService metrics;

    StoreHarness(Path file, StoreConfig config, Clock clock) {
        this(file, SqliteStore.open(config, clock), clock);
    }

    StoreHarness(Path file, SqliteStore store, Clock clock) {
        this.file = file;
        this.store = store;
        ExportPipeline pipeline = new ExportPipeline(new OtlpMapper(clock, MappingOptions.privateByDefault("devbox")),
                store.sessionStates(), encoder, store.keeper(), clock);
        this.logs = new IngestLogsService(pipeline);
        this.metrics = new IngestMetricsService(pipeline);
    }

    static StoreHarness open(Path dir, boolean forward, Clock clock) {
        Path file = dir.resolve("ccotel.db");
        return new StoreHarness(file, StoreConfig.at(file, forward), clock);
    }

    IngestResult send(ExportLogsServiceRequest export) {
        return logs.ingest(new IngestLogsCommand(export));
    }

    IngestResult send(ExportMetricsServiceRequest export) {
        return metrics.ingest(new IngestMetricsCommand(export));
    }

    long count(String sql) throws SQLException {
        return query(file, sql);
    }

    static long query(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double queryDouble(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
