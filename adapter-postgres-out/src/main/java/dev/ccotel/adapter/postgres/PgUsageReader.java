package dev.ccotel.adapter.postgres;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.model.DecisionCount;
import dev.ccotel.ports.model.TimelineEvent;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.out.UsageSlice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The hub's history summed per session, model and quarter hour in SQL (the local store's queries,
 * in PostgreSQL's words), so the report use cases read it as they read the local store. What a
 * slice calls its project is the session's project, its member, or its member and machine
 * ({@link PostgresStore.Attribution}): the team's reports group by either with the same use case.
 * One session's events and spans, and the tool decisions, are {@link PgTimeline}'s.
 */
final class PgUsageReader implements ReadUsagePort {
    static final long QUARTER_MS = 15 * 60 * 1000;

    private static final String METRICS = "SELECT m.session_id, m.model, (m.ts / ?) * ? AS quarter,"
            + " SUM(CASE WHEN m.metric_type = 'token_usage' AND m.token_type = 'input' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'token_usage' AND m.token_type = 'output' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'token_usage' AND m.token_type = 'cacheCreation' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'token_usage' AND m.token_type = 'cacheRead' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'cost_usage' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'lines_of_code_count' AND m.lines_type = 'added' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'lines_of_code_count' AND m.lines_type = 'removed' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'commit_count' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'pull_request_count' THEN m.value ELSE 0 END),"
            + " SUM(CASE WHEN m.metric_type = 'active_time_total' THEN m.value ELSE 0 END), MAX(m.ts)"
            + " FROM metrics m JOIN sessions s ON s.session_id = m.session_id JOIN members mb ON mb.id = s.member_id"
            + " WHERE m.ts >= ? AND m.ts < ? AND (CAST(? AS TEXT) IS NULL OR %1$s = ?) GROUP BY 1, 2, 3";
    private static final String EVENTS = "SELECT e.session_id, e.model, (e.ts / ?) * ? AS quarter,"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.input_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.output_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.cache_creation_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.cache_read_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.cost_usd, 0) ELSE 0 END),"
            + " COUNT(*) FILTER (WHERE e.event_type = 'user_prompt'), COUNT(*) FILTER (WHERE e.event_type = 'tool_result'),"
            + " COUNT(*) FILTER (WHERE e.event_type = 'api_request'), COUNT(*) FILTER (WHERE e.event_type = 'api_error'),"
            + " MAX(e.ts)"
            + " FROM events e JOIN sessions s ON s.session_id = e.session_id JOIN members mb ON mb.id = s.member_id"
            + " WHERE e.ts >= ? AND e.ts < ? AND (CAST(? AS TEXT) IS NULL OR %1$s = ?) GROUP BY 1, 2, 3";

    private final DataSource pool;
    private final String project;
    private final PgTimeline timeline;

    PgUsageReader(DataSource pool, PostgresStore.Attribution attribution) {
        this.pool = pool;
        this.timeline = new PgTimeline(pool);
        this.project = switch (attribution) {
            case PROJECT -> "s.project";
            case MEMBER -> "mb.name";
            case MACHINE -> "(mb.name || '@' || s.host)";
        };
    }

    @Override
    public List<UsageSlice> slices(Instant from, Instant to, Optional<String> onlyProject) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            // One snapshot: metrics, events and sessions from the same moment.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            Map<List<Object>, Builder> slices = new LinkedHashMap<>();
            read(c, METRICS.formatted(project), from, to, onlyProject, slices, true);
            read(c, EVENTS.formatted(project), from, to, onlyProject, slices, false);
            Map<String, Object[]> sessions = sessions(c);
            c.commit();
            List<UsageSlice> out = new ArrayList<>(slices.size());
            for (Builder b : slices.values()) {
                Object[] s = sessions.getOrDefault(b.sessionId, new Object[] {"unknown", 0L});
                out.add(b.build((String) s[0], Instant.ofEpochMilli((Long) s[1])));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the hub's database: " + PostgresStore.rootMessage(e), e);
        }
    }

    private static void read(Connection c, String sql, Instant from, Instant to, Optional<String> project,
            Map<List<Object>, Builder> into, boolean metrics) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, QUARTER_MS);
            ps.setLong(2, QUARTER_MS);
            ps.setLong(3, from.toEpochMilli());
            ps.setLong(4, to.toEpochMilli());
            ps.setString(5, project.orElse(null));
            ps.setString(6, project.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Builder b = into.computeIfAbsent(List.of(rs.getString(1), rs.getString(2), rs.getLong(3)),
                            k -> new Builder((String) k.get(0), (String) k.get(1), (Long) k.get(2)));
                    Usage.Tokens tokens = new Usage.Tokens(Math.round(rs.getDouble(4)), Math.round(rs.getDouble(5)),
                            Math.round(rs.getDouble(6)), Math.round(rs.getDouble(7)));
                    UsageSlice.Priced priced = new UsageSlice.Priced(tokens, rs.getDouble(8));
                    if (metrics) {
                        b.fromMetrics = priced;
                        b.code = new Usage.CodeChanges(Math.round(rs.getDouble(9)), Math.round(rs.getDouble(10)),
                                Math.round(rs.getDouble(11)), Math.round(rs.getDouble(12)));
                        b.activeSeconds = rs.getDouble(13);
                        b.lastAt = Math.max(b.lastAt, rs.getLong(14));
                    } else {
                        b.fromEvents = priced;
                        b.activity = new Usage.Activity(rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12));
                        b.lastAt = Math.max(b.lastAt, rs.getLong(13));
                    }
                }
            }
        }
    }

    private Map<String, Object[]> sessions(Connection c) throws SQLException {
        Map<String, Object[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.session_id, " + project + ", s.started_at"
                + " FROM sessions s JOIN members mb ON mb.id = s.member_id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Object[] {rs.getString(2), rs.getLong(3)});
            }
        }
        return out;
    }

    @Override
    public Map<String, String> firstPrompts(Instant from, Instant to) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON"
                + " (session_id) session_id, prompt FROM events WHERE event_type = 'user_prompt' AND prompt IS NOT NULL"
                + " AND ts >= ? AND ts < ? ORDER BY session_id, ts")) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            Map<String, String> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the hub's database: " + PostgresStore.rootMessage(e), e);
        }
    }

    @Override
    public List<TimelineEvent> events(String sessionId, int limit) {
        return timeline.events(sessionId, limit);
    }

    @Override
    public List<SessionSpan> spans(String sessionId, int limit) {
        return timeline.spans(sessionId, limit);
    }

    @Override
    public List<DecisionCount> decisions(Instant from, Instant to) {
        return timeline.decisions(from, to);
    }

    /** The hub keeps telemetry only (no transcript imports): no session is in both sources. */
    @Override
    public Map<String, BothSources> inBothSources(Collection<String> sessionIds) {
        return Map.of();
    }

    /** One slice, filled from the metrics query and the events query. */
    private static final class Builder {
        final String sessionId;
        final String model;
        final long quarter;
        UsageSlice.Priced fromMetrics = UsageSlice.Priced.ZERO;
        UsageSlice.Priced fromEvents = UsageSlice.Priced.ZERO;
        Usage.Activity activity = Usage.Activity.ZERO;
        Usage.CodeChanges code = Usage.CodeChanges.ZERO;
        double activeSeconds;
        long lastAt;

        Builder(String sessionId, String model, long quarter) {
            this.sessionId = sessionId;
            this.model = model;
            this.quarter = quarter;
        }

        UsageSlice build(String project, Instant sessionStart) {
            return new UsageSlice(sessionId, project, sessionStart, Instant.ofEpochMilli(quarter), model, fromMetrics,
                    fromEvents, activity, code, activeSeconds, Instant.ofEpochMilli(lastAt), "", "", CostSource.TELEMETRY);
        }
    }
}
