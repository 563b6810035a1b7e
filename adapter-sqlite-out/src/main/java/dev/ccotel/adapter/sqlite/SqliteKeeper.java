package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.SessionState;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionTotals;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.KeepOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Keeps an export in one transaction: its events and data points (once each, by id), each
 * session's latest row and state, and, when a backend is configured, one outbox entry per request.
 * Any failure rolls all of it back and tells the exporter to retry, with the store's own words.
 * Exports kept at the same moment share the transaction's commit (see {@link Database}).
 */
final class SqliteKeeper implements KeepTelemetryPort {
    private static final System.Logger LOG = System.getLogger(SqliteKeeper.class.getName());

    private final Database db;
    private final StoreConfig config;
    private final SqliteOutbox outbox;
    private final Clock clock;
    private final RateLimitedLog failures;

    SqliteKeeper(Database db, StoreConfig config, SqliteOutbox outbox, Clock clock) {
        this.db = db;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
        this.failures = new RateLimitedLog(LOG, clock);
    }

    @Override
    public KeepOutcome keep(KeptExport export) {
        Optional<KeepOutcome> unusable = refusedAsUnusable();
        if (unusable.isPresent()) {
            return unusable.get();
        }
        long bytes = export.requests().stream().mapToLong(r -> r.encoded().body().length).sum();
        if (config.forward() && !outbox.hasRoomFor(bytes)) {
            String reason = "the outbox is full (" + outbox.depth().bytes() + " bytes wait for the backend, limit "
                    + config.outboxMaxBytes() + ", see delivery.outbox.max-bytes)";
            failures.warn(reason + ": exports are refused until the backend takes some");
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        }
        long now = clock.millis();
        try {
            db.inGroupTransaction(c -> {
                for (KeptExport.Request r : export.requests()) {
                    if (config.keepsHistory()) {
                        writeEvents(c, r.request());
                        writeMetrics(c, r.request());
                    }
                    writeSession(c, r.request(), now);
                }
                for (SessionState state : export.states()) {
                    writeState(c, state, now);
                }
                if (config.forward()) {
                    outbox.append(c, export.requests(), now);
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            Optional<KeepOutcome> foundOut = refusedAsUnusable(); // the commit itself may have found out
            if (foundOut.isPresent()) {
                return foundOut.get();
            }
            String reason = "the local store " + db.path() + " cannot write: " + e.getMessage();
            failures.warn(reason + "; the exporter is told to retry");
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        }
        if (config.forward()) {
            outbox.added(export.requests().size(), bytes);
        }
        failures.recovered("the local store writes again");
        return new KeepOutcome.Kept();
    }

    /** A store deleted, replaced or damaged takes nothing until a person acts: said louder than a passing failure. */
    private Optional<KeepOutcome> refusedAsUnusable() {
        return db.unusable().map(reason -> {
            failures.error(reason);
            return new KeepOutcome.RetryLater(reason, Optional.empty());
        });
    }

    private void writeEvents(Connection c, SessionUpdate request) throws SQLException {
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

    private void writeMetrics(Connection c, SessionUpdate request) throws SQLException {
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

    private void writeSession(Connection c, SessionUpdate request, long now) throws SQLException {
        Session s = request.session();
        SessionTotals t = s.totals();
        PreparedStatement ps = db.prepared(c, "INSERT INTO sessions (session_id, host, project, app_version,"
                + " terminal_type, os_type, started_at, last_seen, prompts, tool_calls, api_requests, cost_usd,"
                + " input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, lines_added, lines_removed,"
                + " commits, pull_requests, active_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET host = excluded.host, project = excluded.project,"
                + " app_version = excluded.app_version, terminal_type = excluded.terminal_type,"
                + " os_type = excluded.os_type, started_at = MIN(started_at, excluded.started_at),"
                + " last_seen = excluded.last_seen, prompts = excluded.prompts, tool_calls = excluded.tool_calls,"
                + " api_requests = excluded.api_requests, cost_usd = excluded.cost_usd,"
                + " input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,"
                + " cache_read_tokens = excluded.cache_read_tokens,"
                + " cache_creation_tokens = excluded.cache_creation_tokens, lines_added = excluded.lines_added,"
                + " lines_removed = excluded.lines_removed, commits = excluded.commits,"
                + " pull_requests = excluded.pull_requests, active_seconds = excluded.active_seconds");
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
        ps.setDouble(i, t.activeSeconds());
        ps.executeUpdate();
    }

    private void writeState(Connection c, SessionState state, long now) throws SQLException {
        PreparedStatement ps = db.prepared(c, "INSERT INTO session_states (session_id, last_seen, state)"
                + " VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET last_seen = excluded.last_seen,"
                + " state = excluded.state");
        ps.setString(1, state.sessionId());
        ps.setLong(2, now);
        ps.setBytes(3, state.encode());
        ps.executeUpdate();
    }

    private static String nonNull(String s) {
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
