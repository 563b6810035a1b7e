package dev.ccotel.adapter.postgres;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.model.DecisionCount;
import dev.ccotel.ports.model.TimelineEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * What the team dashboard reads of single sessions and of tool decisions, the local store's reads in
 * PostgreSQL's words: a session's events and spans for its timeline, and the tool decisions per quarter
 * hour. Apart from {@link PgUsageReader}'s sums, which it serves beside.
 */
final class PgTimeline {
    private static final String EVENTS = "SELECT ts, event_type, model, cost_usd, input_tokens, output_tokens,"
            + " cache_creation_tokens, cache_read_tokens, duration_ms, tool_name, success, status_code, decision,"
            + " source, error, prompt, prompt_length FROM events WHERE session_id = ? ORDER BY ts, event_id LIMIT ?";
    private static final String SPANS = "SELECT trace_id, span_id, parent_span_id, kind, start_ns, end_ns, model,"
            + " request_id, tool, decision, source, success, ttft_ms FROM spans WHERE session_id = ?"
            + " ORDER BY start_ns, end_ns DESC, span_id LIMIT ?"; // a parent before its child
    private static final String DECISIONS = "SELECT (ts / ?) * ?, decision, COUNT(*) FROM events"
            + " WHERE event_type = 'tool_decision' AND ts >= ? AND ts < ? GROUP BY 1, 2 ORDER BY 1, 2";

    private final DataSource pool;

    PgTimeline(DataSource pool) {
        this.pool = pool;
    }

    List<TimelineEvent> events(String sessionId, int limit) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setString(1, sessionId);
            ps.setInt(2, limit);
            List<TimelineEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(event(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    List<SessionSpan> spans(String sessionId, int limit) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(SPANS)) {
            ps.setString(1, sessionId);
            ps.setInt(2, limit);
            List<SessionSpan> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Boolean> success = Optional.ofNullable((Boolean) rs.getObject(12));
                    out.add(new SessionSpan(sessionId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochSecond(0, rs.getLong(5)), Instant.ofEpochSecond(0, rs.getLong(6)),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            success, optionalLong(rs, 13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    List<DecisionCount> decisions(Instant from, Instant to) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(DECISIONS)) {
            ps.setLong(1, PgUsageReader.QUARTER_MS);
            ps.setLong(2, PgUsageReader.QUARTER_MS);
            ps.setLong(3, from.toEpochMilli());
            ps.setLong(4, to.toEpochMilli());
            List<DecisionCount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DecisionCount(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private static TimelineEvent event(ResultSet rs) throws SQLException {
        double cost = rs.getDouble(4);
        OptionalDouble costUsd = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(cost);
        long input = rs.getLong(5);
        Optional<Usage.Tokens> tokens = rs.wasNull() ? Optional.empty()
                : Optional.of(new Usage.Tokens(input, rs.getLong(6), rs.getLong(7), rs.getLong(8)));
        Optional<Boolean> success = Optional.ofNullable((Boolean) rs.getObject(11));
        return new TimelineEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), costUsd, tokens,
                optionalLong(rs, 9), rs.getString(10), rs.getString(13), rs.getString(14), success, rs.getString(15),
                Optional.ofNullable(rs.getString(16)), optionalLong(rs, 17), optionalLong(rs, 12));
    }

    private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static IllegalStateException unreadable(SQLException e) {
        return new IllegalStateException("cannot read the hub's database: " + PostgresStore.rootMessage(e), e);
    }
}
