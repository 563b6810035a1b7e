package dev.ccotel.adapter.postgres;

import dev.ccotel.domain.SessionState;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionTotals;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.KeepOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Keeps an export in one transaction: its events and data points once each by id (ON CONFLICT DO
 * NOTHING), each session's latest row with the member who sent it first, and the sessions' states.
 * Rows go in in id order, so that two hubs keeping overlapping exports take their row locks in the
 * same order and never deadlock. Any failure rolls all of it back and the sender is told to retry.
 */
final class PgKeeper implements KeepMemberTelemetryPort {
    private static final System.Logger LOG = System.getLogger(PgKeeper.class.getName());

    private static final String EVENT = "INSERT INTO events (event_id, session_id, event_type, ts, model, cost_usd,"
            + " input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, duration_ms, tool_name, success,"
            + " status_code, sequence, prompt_id, decision, source, language, error, attempt, prompt_length,"
            + " tool_input_size_bytes, prompt, tool_parameters, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";
    private static final String METRIC = "INSERT INTO metrics (metric_id, session_id, metric_type, ts, value, model,"
            + " token_type, lines_type, tool, decision, source, language, start_type)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (metric_id) DO NOTHING";
    private static final String SESSION = "INSERT INTO sessions (session_id, member_id, host, project, app_version,"
            + " terminal_type, os_type, started_at, last_seen, prompts, tool_calls, api_requests, cost_usd,"
            + " input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, lines_added, lines_removed,"
            + " commits, pull_requests, active_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET host = excluded.host, project = excluded.project,"
            + " app_version = excluded.app_version, terminal_type = excluded.terminal_type, os_type = excluded.os_type,"
            + " started_at = LEAST(sessions.started_at, excluded.started_at), last_seen = excluded.last_seen,"
            // Totals only grow: a late retry of an older request must not take them back.
            + " prompts = GREATEST(sessions.prompts, excluded.prompts),"
            + " tool_calls = GREATEST(sessions.tool_calls, excluded.tool_calls),"
            + " api_requests = GREATEST(sessions.api_requests, excluded.api_requests),"
            + " cost_usd = GREATEST(sessions.cost_usd, excluded.cost_usd),"
            + " input_tokens = GREATEST(sessions.input_tokens, excluded.input_tokens),"
            + " output_tokens = GREATEST(sessions.output_tokens, excluded.output_tokens),"
            + " cache_read_tokens = GREATEST(sessions.cache_read_tokens, excluded.cache_read_tokens),"
            + " cache_creation_tokens = GREATEST(sessions.cache_creation_tokens, excluded.cache_creation_tokens),"
            + " lines_added = GREATEST(sessions.lines_added, excluded.lines_added),"
            + " lines_removed = GREATEST(sessions.lines_removed, excluded.lines_removed),"
            + " commits = GREATEST(sessions.commits, excluded.commits),"
            + " pull_requests = GREATEST(sessions.pull_requests, excluded.pull_requests),"
            + " active_seconds = GREATEST(sessions.active_seconds, excluded.active_seconds)";
    private static final String STATE = "INSERT INTO session_states (session_id, last_seen, state) VALUES (?, ?, ?)"
            + " ON CONFLICT (session_id) DO UPDATE SET last_seen = excluded.last_seen, state = excluded.state";

    private final DataSource pool;
    private final Clock clock;

    PgKeeper(DataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public KeepOutcome keep(Member member, KeptExport export) {
        long now = clock.millis();
        List<SessionUpdate> requests = export.requests().stream().map(KeptExport.Request::request)
                .sorted(Comparator.comparing(r -> r.session().sessionId())).toList();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                writeEvents(c, requests);
                writeMetrics(c, requests);
                for (SessionUpdate r : requests) {
                    writeSession(c, member, r, now);
                }
                writeStates(c, export.states(), now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            String reason = "the hub's database cannot keep the export: " + PostgresStore.rootMessage(e);
            LOG.log(System.Logger.Level.WARNING, reason + "; the sender is told to retry");
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        }
        return new KeepOutcome.Kept();
    }

    private static void writeEvents(Connection c, List<SessionUpdate> requests) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EVENT)) {
            for (SessionUpdate r : requests) {
                for (Event e : r.events().stream().sorted(Comparator.comparing(Event::eventId)).toList()) {
                    event(ps, r.session().sessionId(), e);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void event(PreparedStatement ps, String sessionId, Event e) throws SQLException {
        int i = 1;
        ps.setString(i++, e.eventId());
        ps.setString(i++, sessionId);
        ps.setString(i++, e.eventType());
        ps.setLong(i++, e.timestamp().toEpochMilli());
        ps.setString(i++, e.api().model());
        setDouble(ps, i++, e.api().costUsd());
        setLong(ps, i++, e.api().inputTokens());
        setLong(ps, i++, e.api().outputTokens());
        setLong(ps, i++, e.api().cacheReadTokens());
        setLong(ps, i++, e.api().cacheCreationTokens());
        setLong(ps, i++, e.durationMs());
        ps.setString(i++, e.tool().name());
        if (e.tool().success().isPresent()) {
            ps.setBoolean(i++, e.tool().success().get());
        } else {
            ps.setNull(i++, Types.BOOLEAN);
        }
        setLong(ps, i++, e.api().statusCode());
        setLong(ps, i++, e.sequence());
        ps.setString(i++, e.promptId());
        ps.setString(i++, e.tool().decision());
        ps.setString(i++, e.tool().source());
        ps.setString(i++, e.tool().language());
        ps.setString(i++, e.error());
        setLong(ps, i++, e.api().attempt());
        setLong(ps, i++, e.prompt().length());
        setLong(ps, i++, e.tool().inputSizeBytes());
        ps.setString(i++, e.prompt().text().orElse(null));
        ps.setString(i++, e.tool().parametersJson().or(() -> e.tool().input()).orElse(null));
        ps.setString(i, EventAttributes.toJson(e.attributes()));
    }

    private static void writeMetrics(Connection c, List<SessionUpdate> requests) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(METRIC)) {
            for (SessionUpdate r : requests) {
                for (MetricPoint m : r.metrics().stream().sorted(Comparator.comparing(MetricPoint::metricId)).toList()) {
                    MetricLabels l = m.labels();
                    int i = 1;
                    ps.setString(i++, m.metricId());
                    ps.setString(i++, r.session().sessionId());
                    ps.setString(i++, m.metricType().wireName());
                    ps.setLong(i++, m.timestamp().toEpochMilli());
                    ps.setDouble(i++, m.value());
                    for (String label : new String[] {l.model(), l.tokenType(), l.linesType(), l.tool(), l.decision(),
                            l.source(), l.language(), l.startType()}) {
                        ps.setString(i++, label);
                    }
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void writeSession(Connection c, Member member, SessionUpdate request, long now) throws SQLException {
        Session s = request.session();
        SessionTotals t = s.totals();
        try (PreparedStatement ps = c.prepareStatement(SESSION)) {
            int i = 1;
            ps.setString(i++, s.sessionId());
            ps.setLong(i++, member.id());
            ps.setString(i++, request.host());
            ps.setString(i++, request.project());
            ps.setString(i++, s.identity().appVersion());
            ps.setString(i++, s.identity().terminalType());
            ps.setString(i++, s.identity().osType());
            ps.setLong(i++, s.startedAt().toEpochMilli());
            ps.setLong(i++, now);
            for (long v : new long[] {t.prompts(), t.toolCalls(), t.apiRequests()}) {
                ps.setLong(i++, v);
            }
            ps.setDouble(i++, t.costUsd());
            for (long v : new long[] {t.inputTokens(), t.outputTokens(), t.cacheReadTokens(), t.cacheCreationTokens(),
                    t.linesAdded(), t.linesRemoved(), t.commits(), t.pullRequests()}) {
                ps.setLong(i++, v);
            }
            ps.setDouble(i, t.activeSeconds());
            ps.executeUpdate();
        }
    }

    private static void writeStates(Connection c, List<SessionState> states, long now) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(STATE)) {
            for (SessionState state : states.stream().sorted(Comparator.comparing(SessionState::sessionId)).toList()) {
                ps.setString(1, state.sessionId());
                ps.setLong(2, now);
                ps.setBytes(3, state.encode());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setLong(PreparedStatement ps, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.getAsLong());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }

    private static void setDouble(PreparedStatement ps, int index, OptionalDouble value) throws SQLException {
        if (value.isPresent()) {
            ps.setDouble(index, value.getAsDouble());
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }
}
