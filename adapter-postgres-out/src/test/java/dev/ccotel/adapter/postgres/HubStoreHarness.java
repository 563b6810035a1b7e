package dev.ccotel.adapter.postgres;

import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.fakes.RecordingEncoder;
import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.service.hub.IngestAsMemberService;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/** One hub process's store on a real PostgreSQL, wired to the hub's ingest service as the hub wires it. */
final class HubStoreHarness implements AutoCloseable {
    final PostgresConfig config;
    final PostgresStore store;
    final IngestAsMemberService ingest;

    HubStoreHarness(PostgresConfig config, Clock clock) {
        this.config = config;
        this.store = PostgresStore.open(config, clock);
        this.ingest = new IngestAsMemberService(new OtlpMapper(clock, MappingOptions.privateByDefault("hub")),
                store.sessionStates(), new RecordingEncoder(), store.keeper(), store.sessionLocks(), store.spans(), clock);
    }

    IngestResult send(Member member, ExportLogsServiceRequest export) {
        return ingest.logs(member).ingest(new IngestLogsCommand(export, "test"));
    }

    IngestResult send(Member member, ExportMetricsServiceRequest export) {
        return ingest.metrics(member).ingest(new IngestMetricsCommand(export, "test"));
    }

    double number(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
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
