package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.SessionState;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionTotals;
import dev.ccotel.domain.model.SessionUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The rows one kept request writes (events and data points once each by id, the session's row, its
 * state), inside a transaction its caller holds: the daemon's keeper and the hub's keep them alike,
 * and differ only in how a session's row is updated ({@link #session} or {@link #memberSession}).
 */
final class KeptRows {
    private static final String SESSION = "INSERT INTO sessions (session_id, host, project, app_version,"
            + " terminal_type, os_type, started_at, last_seen, prompts, tool_calls, api_requests, cost_usd,"
            + " input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, lines_added, lines_removed,"
            + " commits, pull_requests, active_seconds, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String IDENTITY_UPDATE = " host = excluded.host, project = excluded.project,"
            + " app_version = excluded.app_version, terminal_type = excluded.terminal_type,"
            + " os_type = excluded.os_type, started_at = MIN(started_at, excluded.started_at),"
            + " last_seen = excluded.last_seen,";

    private final Database db;

    KeptRows(Database db) {
        this.db = db;
    }

    void events(Connection c, SessionUpdate request) throws SQLException {
        String sessionId = request.session().sessionId();
        PreparedStatement ps = db.prepared(c, "INSERT OR IGNORE INTO events (event_id, session_id, event_type,"
                + " ts, model, cost_usd, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens,"
                + " duration_ms, tool_name, success, status_code, sequence, prompt_id, decision, source, language,"
                + " error, attempt, prompt_length, tool_input_size_bytes, prompt, tool_parameters, attributes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (Event e : request.events()) {
            int i = 1;
            ps.setString(i++, e.eventId());
            ps.setString(i++, sessionId);
            ps.setString(i++, e.eventType());
            ps.setLong(i++, e.timestamp().toEpochMilli());
            ps.setString(i++, nonNull(e.api().model()));
            setDouble(ps, i++, e.api().costUsd());
            setLong(ps, i++, e.api().inputTokens());
            setLong(ps, i++, e.api().outputTokens());
            setLong(ps, i++, e.api().cacheReadTokens());
            setLong(ps, i++, e.api().cacheCreationTokens());
            setLong(ps, i++, e.durationMs());
            ps.setString(i++, nonNull(e.tool().name()));
            if (e.tool().success().isPresent()) {
                ps.setInt(i++, e.tool().success().get() ? 1 : 0);
            } else {
                ps.setNull(i++, Types.INTEGER);
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
            ps.addBatch();
        }
        ps.executeBatch();
    }

    void metrics(Connection c, SessionUpdate request) throws SQLException {
        String sessionId = request.session().sessionId();
        PreparedStatement ps = db.prepared(c, "INSERT OR IGNORE INTO metrics (metric_id, session_id,"
                + " metric_type, ts, value, model, token_type, lines_type, tool, decision, source, language,"
                + " start_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (MetricPoint m : request.metrics()) {
            MetricLabels l = m.labels();
            int i = 1;
            ps.setString(i++, m.metricId());
            ps.setString(i++, sessionId);
            ps.setString(i++, m.metricType().wireName());
            ps.setLong(i++, m.timestamp().toEpochMilli());
            ps.setDouble(i++, m.value());
            for (String label : new String[] {l.model(), l.tokenType(), l.linesType(), l.tool(), l.decision(),
                    l.source(), l.language(), l.startType()}) {
                ps.setString(i++, nonNull(label));
            }
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** A daemon's session row: its own fold is the truth, so the row takes the latest totals as they are. */
    void session(Connection c, SessionUpdate request, long now) throws SQLException {
        PreparedStatement ps = db.prepared(c, SESSION + " ON CONFLICT (session_id) DO UPDATE SET" + IDENTITY_UPDATE
                + " prompts = excluded.prompts, tool_calls = excluded.tool_calls,"
                + " api_requests = excluded.api_requests, cost_usd = excluded.cost_usd,"
                + " input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,"
                + " cache_read_tokens = excluded.cache_read_tokens,"
                + " cache_creation_tokens = excluded.cache_creation_tokens, lines_added = excluded.lines_added,"
                + " lines_removed = excluded.lines_removed, commits = excluded.commits,"
                + " pull_requests = excluded.pull_requests, active_seconds = excluded.active_seconds");
        bindSession(ps, request, now, OptionalLong.empty());
        ps.executeUpdate();
    }

    /**
     * A hub's session row: the member who brought the session first keeps it, and the totals only grow,
     * since the requests of several senders (a daemon's retry, an outbox sent again after a crash) may
     * arrive out of order, and a late older one must not take them back (as the PostgreSQL store does).
     */
    void memberSession(Connection c, long memberId, SessionUpdate request, long now) throws SQLException {
        PreparedStatement ps = db.prepared(c, SESSION + " ON CONFLICT (session_id) DO UPDATE SET" + IDENTITY_UPDATE
                + " prompts = MAX(prompts, excluded.prompts), tool_calls = MAX(tool_calls, excluded.tool_calls),"
                + " api_requests = MAX(api_requests, excluded.api_requests), cost_usd = MAX(cost_usd, excluded.cost_usd),"
                + " input_tokens = MAX(input_tokens, excluded.input_tokens),"
                + " output_tokens = MAX(output_tokens, excluded.output_tokens),"
                + " cache_read_tokens = MAX(cache_read_tokens, excluded.cache_read_tokens),"
                + " cache_creation_tokens = MAX(cache_creation_tokens, excluded.cache_creation_tokens),"
                + " lines_added = MAX(lines_added, excluded.lines_added),"
                + " lines_removed = MAX(lines_removed, excluded.lines_removed), commits = MAX(commits, excluded.commits),"
                + " pull_requests = MAX(pull_requests, excluded.pull_requests),"
                + " active_seconds = MAX(active_seconds, excluded.active_seconds)");
        bindSession(ps, request, now, OptionalLong.of(memberId));
        ps.executeUpdate();
    }

    private static void bindSession(PreparedStatement ps, SessionUpdate request, long now, OptionalLong memberId)
            throws SQLException {
        Session s = request.session();
        SessionTotals t = s.totals();
        int i = 1;
        ps.setString(i++, s.sessionId());
        ps.setString(i++, request.host());
        ps.setString(i++, request.project());
        ps.setString(i++, nonNull(s.identity().appVersion()));
        ps.setString(i++, nonNull(s.identity().terminalType()));
        ps.setString(i++, nonNull(s.identity().osType()));
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
        ps.setDouble(i++, t.activeSeconds());
        setLong(ps, i, memberId);
    }

    void state(Connection c, SessionState state, long now) throws SQLException {
        PreparedStatement ps = db.prepared(c, "INSERT INTO session_states (session_id, last_seen, state)"
                + " VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET last_seen = excluded.last_seen,"
                + " state = excluded.state");
        ps.setString(1, state.sessionId());
        ps.setLong(2, now);
        ps.setBytes(3, state.encode());
        ps.executeUpdate();
    }

    static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static void setLong(PreparedStatement ps, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.getAsLong());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    private static void setDouble(PreparedStatement ps, int index, OptionalDouble value) throws SQLException {
        if (value.isPresent()) {
            ps.setDouble(index, value.getAsDouble());
        } else {
            ps.setNull(index, Types.REAL);
        }
    }
}
