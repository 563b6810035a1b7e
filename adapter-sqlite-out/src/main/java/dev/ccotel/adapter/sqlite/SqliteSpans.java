package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.out.KeepSpansPort;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** Spans in {@code spans}, committed with the exports (group commit, synced) before the exporter is answered. */
final class SqliteSpans implements KeepSpansPort {
    private static final String INSERT = "INSERT OR IGNORE INTO spans (trace_id, span_id, parent_span_id, session_id,"
            + " kind, start_ns, end_ns, model, request_id, tool, decision, source, success, ttft_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;

    SqliteSpans(Database db) {
        this.db = db;
    }

    @Override
    public void keep(List<SessionSpan> spans) {
        if (spans.isEmpty()) {
            return;
        }
        try {
            db.inGroupTransaction(c -> {
                PreparedStatement ps = db.prepared(c, INSERT);
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
                        ps.setInt(i++, s.success().get() ? 1 : 0);
                    } else {
                        ps.setNull(i++, Types.INTEGER);
                    }
                    if (s.ttftMs().isPresent()) {
                        ps.setLong(i, s.ttftMs().getAsLong());
                    } else {
                        ps.setNull(i, Types.INTEGER);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep spans in " + db.path() + ": " + e.getMessage(), e);
        }
    }

    static long nanos(Instant t) {
        return Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L) + t.getNano();
    }
}
