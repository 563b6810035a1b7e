package dev.ccotel.adapter.postgres;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.out.KeepSpansPort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Spans of raw OTLP traces in {@code spans}, all of one export in one transaction, committed before the
 * exporter is answered; a span sent again (a retry, a second hub) is kept once by its trace and span id.
 */
final class PgSpans implements KeepSpansPort {
    private static final String INSERT = "INSERT INTO spans (trace_id, span_id, parent_span_id, session_id, kind,"
            + " start_ns, end_ns, model, request_id, tool, decision, source, success, ttft_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trace_id, span_id) DO NOTHING";

    private final DataSource pool;

    PgSpans(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public void keep(List<SessionSpan> spans) {
        if (spans.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (SessionSpan s : spans) {
                    int i = 1;
                    ps.setString(i++, s.traceId());
                    ps.setString(i++, s.spanId());
                    ps.setString(i++, s.parentSpanId());
                    ps.setString(i++, s.sessionId());
                    ps.setString(i++, s.kind());
                    ps.setLong(i++, nanos(s.start()));
                    ps.setLong(i++, nanos(s.end()));
                    ps.setString(i++, s.model());
                    ps.setString(i++, s.requestId());
                    ps.setString(i++, s.tool());
                    ps.setString(i++, s.decision());
                    ps.setString(i++, s.source());
                    if (s.success().isPresent()) {
                        ps.setBoolean(i++, s.success().get());
                    } else {
                        ps.setNull(i++, Types.BOOLEAN);
                    }
                    if (s.ttftMs().isPresent()) {
                        ps.setLong(i, s.ttftMs().getAsLong());
                    } else {
                        ps.setNull(i, Types.BIGINT);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep spans in the hub's database: " + PostgresStore.rootMessage(e), e);
        }
    }

    static long nanos(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    }
}
