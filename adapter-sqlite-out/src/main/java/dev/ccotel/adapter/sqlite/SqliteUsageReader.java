package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.model.DecisionCount;
import dev.ccotel.ports.out.LimitSnapshot;
import dev.ccotel.ports.model.TimelineEvent;
import dev.ccotel.ports.out.CalendarUsage;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.out.SessionUsage;
import dev.ccotel.ports.out.UsageSlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the history for reports over a read-only connection of its own: it never creates, migrates
 * or locks the file, and it reads while a daemon writes (WAL). Sums per session, model and quarter
 * hour in SQL, so a report reads a few rows per session and day, not every event.
 */
public final class SqliteUsageReader implements ReadUsagePort {
    static final long QUARTER_MS = 15 * 60 * 1000;
    /** The schema version from which events keep prompt text (where the user lets them). */
    private static final int PROMPT_TEXT_SINCE = 2;
    /** The schema version from which sessions have a context (folder, repository, branch) beside them. */
    private static final int CONTEXT_SINCE = 3;
    /** A session's project: the folder its statusline named, else what its telemetry said. */
    private static final String PROJECT = "COALESCE(x.project_dir, x.cwd, s.project)";

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
            + " FROM metrics m JOIN sessions s ON s.session_id = m.session_id%2$s"
            + " LEFT JOIN session_context x ON x.session_id = m.session_id"
            + " WHERE m.ts >= ? AND m.ts < ? AND (? IS NULL OR %1$s = ?) GROUP BY 1, 2, 3";
    private static final String EVENTS = "SELECT e.session_id, e.model, (e.ts / ?) * ? AS quarter,"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.input_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.output_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.cache_creation_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.cache_read_tokens, 0) ELSE 0 END),"
            + " SUM(CASE WHEN e.event_type = 'api_request' THEN COALESCE(e.cost_usd, 0) ELSE 0 END),"
            + " SUM(e.event_type = 'user_prompt'), SUM(e.event_type = 'tool_result'),"
            + " SUM(e.event_type = 'api_request'), SUM(e.event_type = 'api_error'), MAX(e.ts)"
            + " FROM events e JOIN sessions s ON s.session_id = e.session_id%2$s"
            + " LEFT JOIN session_context x ON x.session_id = e.session_id"
            + " WHERE e.ts >= ? AND e.ts < ? AND (? IS NULL OR %1$s = ?) GROUP BY 1, 2, 3";
    /** The sums of both, kept as they are written (schema-6.sql): one row per session, model and quarter hour. */
    private static final String QUARTERS = "SELECT u.session_id, u.model, u.quarter, u.metric_rows, u.m_input, u.m_output,"
            + " u.m_cache_creation, u.m_cache_read, u.m_cost, u.lines_added, u.lines_removed, u.commits, u.pull_requests,"
            + " u.active_seconds, u.m_last, u.event_rows, u.e_input, u.e_output, u.e_cache_creation, u.e_cache_read,"
            + " u.e_cost, u.prompts, u.tool_results, u.api_requests, u.api_errors, u.e_last"
            + " FROM usage_quarters u JOIN sessions s ON s.session_id = u.session_id%2$s"
            + " LEFT JOIN session_context x ON x.session_id = u.session_id"
            + " WHERE u.quarter >= ? AND u.quarter < ? AND (? IS NULL OR %1$s = ?)";
    /**
     * The same, of every project of a daemon's store: no join, since a kept row's session is always there
     * (a session is pruned only after its rows). A year's report reads 40,000 rows; the two joins cost it
     * 70 ms on a cold JVM.
     */
    private static final String ALL_QUARTERS = QUARTERS.substring(0, QUARTERS.indexOf(" JOIN sessions s"))
            + " WHERE u.quarter >= ? AND u.quarter < ?";
    private static final String IMPORTED = "SELECT u.session_id, u.model, u.quarter, u.input_tokens, u.output_tokens,"
            + " u.cache_creation_tokens, u.cache_read_tokens, u.cost_usd, u.prompts, u.api_requests, i.cost_source,"
            + " i.project, i.started_at, i.ended_at, i.lines_added, i.lines_removed, i.git_branch"
            + " FROM imported_usage u JOIN imported_sessions i ON i.session_id = u.session_id"
            + " WHERE u.quarter >= ? AND u.quarter < ? AND (? IS NULL OR i.project = ?) ORDER BY u.session_id, u.quarter";

    private static final String TELEMETRY = CostSource.TELEMETRY.wireName();
    /**
     * A telemetry quarter's ({@code u}) tokens and cost, each as a column of {@code at}: its figure as the
     * metrics give it and as the api_request events do (a session counts one of the two, see {@code ft}).
     */
    private record Reading(String column, String metrics, String events) {}

    private static final List<Reading> READINGS = List.of(new Reading("input", "ROUND(u.m_input)", "u.e_input"),
            new Reading("output", "ROUND(u.m_output)", "u.e_output"),
            new Reading("cc", "ROUND(u.m_cache_creation)", "u.e_cache_creation"),
            new Reading("cr", "ROUND(u.m_cache_read)", "u.e_cache_read"), new Reading("cost", "u.m_cost", "u.e_cost"));
    /** A telemetry quarter's other figures, each a column of {@code at} and the expression it is. */
    private static final Map<String, String> FIGURES = orderedMap("prompts", "(u.event_rows > 0) * u.prompts",
            "tools", "(u.event_rows > 0) * u.tool_results", "requests", "(u.event_rows > 0) * u.api_requests",
            "errors", "(u.event_rows > 0) * u.api_errors", "added", "(u.metric_rows > 0) * ROUND(u.lines_added)",
            "removed", "(u.metric_rows > 0) * ROUND(u.lines_removed)", "commits", "(u.metric_rows > 0) * ROUND(u.commits)",
            "prs", "(u.metric_rows > 0) * ROUND(u.pull_requests)", "active", "(u.metric_rows > 0) * u.active_seconds");
    /** A telemetry quarter's latest time. */
    private static final String LAST = "MAX((u.metric_rows > 0) * u.m_last, (u.event_rows > 0) * u.e_last)";
    /** Whether a telemetry quarter has a prompt or an API request: its session is one of work. */
    private static final String WORK = "u.event_rows > 0 AND (u.prompts > 0 OR u.api_requests > 0)";
    /** Whether a telemetry quarter's metrics hold tokens or cost. */
    private static final String METRIC_TOKENS = "u.metric_rows > 0 AND " + tokensOrCost(Reading::metrics);
    /** Whether a telemetry quarter's api_request events hold tokens or cost. */
    private static final String EVENT_TOKENS = "u.event_rows > 0 AND " + tokensOrCost(Reading::events);

    private static String columns(Stream<String> columns) {
        return columns.collect(Collectors.joining(", "));
    }

    /** {@code (tokens <> 0 OR cost <> 0)} by one of the two readings. */
    private static String tokensOrCost(Function<Reading, String> reading) {
        List<String> figures = READINGS.stream().map(reading).toList();
        return "(" + String.join(" + ", figures.subList(0, 4)) + " <> 0 OR " + figures.get(4) + " <> 0)";
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A window's quarters with the figures every report counts, the part that {@link #BY_PERIOD} and
     * {@link #BY_SESSION} share: summed in the store, since each pass over a year's 40,000 quarters costs tens of
     * milliseconds and reading them out costs more. Numbered parameters: the window's start and end, the project
     * or NULL. {@code %1$s} the local day of {@code u.quarter}, {@code %2$s} what telemetry's quarters are read
     * from, {@code %3$s} the condition on their project, if any, {@code %5$s} what keeps a hub's imports out,
     * {@code %8$s} how {@code ft} compares {@code u.quarter} (see {@link #everyQuarter}).
     * <ul>
     * <li>{@code tr}: the sessions whose transcript counts, each session being counted from one source: where
     * telemetry holds no session of that id, or the transcript's whole cost is higher;
     * <li>{@code ft}, {@code fi}: each session of the window, telemetry's and imports', once: whether its cost and
     * tokens come from its metrics (it has some with tokens or cost), whether it is a session of work (a prompt
     * or an API request), its source;
     * <li>{@code at}, {@code ai}: each quarter of those sessions with the figures counted ({@code m_*} metrics,
     * {@code e_*} api_request events; an import has one set, and its lines in its last quarter of the window, on
     * one model) and its latest time.
     * </ul>
     * The two sources are summed apart and their rows put together, since a session is of one only: one
     * {@code UNION ALL} inside {@code a} would keep SQLite from folding it into the sums (90 ms more on a year).
     */
    private static final String WINDOW = "WITH tr AS (SELECT DISTINCT u.session_id FROM imported_usage u"
            + " JOIN imported_sessions i ON i.session_id = u.session_id LEFT JOIN sessions s ON s.session_id = u.session_id"
            + " WHERE u.quarter >= ?1 AND u.quarter < ?2 AND (?3 IS NULL OR i.project = ?3)"
            + " AND (s.session_id IS NULL OR i.cost_usd - s.cost_usd > 1e-6)%5$s),"
            + " ft AS MATERIALIZED (SELECT u.session_id AS sid, MAX(" + METRIC_TOKENS + ") AS metrics,"
            + " MAX(" + WORK + ") AS work, '" + TELEMETRY + "' AS source,"
            + " MIN(%1$s) AS first_day, MAX(%1$s) AS last_day"
            + " FROM %2$s WHERE %8$s >= ?1 AND %8$s < ?2%3$s AND u.session_id NOT IN tr GROUP BY u.session_id),"
            + " fi AS MATERIALIZED (SELECT u.session_id AS sid, MAX(u.prompts > 0 OR u.api_requests > 0) AS work,"
            + " MAX(i.cost_source) AS source, MIN(%1$s) AS first_day, MAX(%1$s) AS last_day"
            + " FROM imported_usage u JOIN imported_sessions i ON i.session_id = u.session_id"
            + " WHERE u.quarter >= ?1 AND u.quarter < ?2 AND u.session_id IN tr GROUP BY u.session_id),"
            + " at AS NOT MATERIALIZED (SELECT %1$s AS day, u.model AS model, ft.sid AS sid, ft.work AS work,"
            + " ft.source AS source, "
            + columns(READINGS.stream().map(r -> "CASE WHEN ft.metrics THEN (u.metric_rows > 0) * " + r.metrics()
                    + " ELSE (u.event_rows > 0) * " + r.events() + " END AS " + r.column()))
            + ", " + columns(FIGURES.entrySet().stream().map(f -> f.getValue() + " AS " + f.getKey()))
            + ", " + LAST + " AS last"
            + " FROM ft JOIN usage_quarters u ON u.session_id = ft.sid WHERE u.quarter >= ?1 AND u.quarter < ?2),"
            // an import's figures are its transcript's: tokens and cost as metrics would give them
            + " ai AS NOT MATERIALIZED (SELECT %1$s AS day, u.model AS model, fi.sid AS sid, fi.work AS work,"
            + " fi.source AS source, u.input_tokens AS input, u.output_tokens AS output, u.cache_creation_tokens AS cc,"
            + " u.cache_read_tokens AS cr, u.cost_usd AS cost, u.prompts AS prompts, 0 AS tools, u.api_requests AS requests,"
            + " 0 AS errors, CASE WHEN u.quarter = l.last AND u.model = l.model THEN i.lines_added ELSE 0 END AS added,"
            + " CASE WHEN u.quarter = l.last AND u.model = l.model THEN i.lines_removed ELSE 0 END AS removed,"
            + " 0 AS commits, 0 AS prs, 0 AS active,"
            + " MAX(MIN(i.ended_at, u.quarter + " + (QUARTER_MS - 1) + "), u.quarter) AS last"
            + " FROM fi JOIN imported_usage u ON u.session_id = fi.sid JOIN imported_sessions i ON i.session_id = u.session_id"
            + " JOIN (SELECT session_id, MAX(quarter) AS last, MAX(model) AS model FROM imported_usage x"
            + " WHERE quarter >= ?1 AND quarter < ?2 AND quarter = (SELECT MAX(quarter) FROM imported_usage"
            + " WHERE session_id = x.session_id AND quarter >= ?1 AND quarter < ?2) GROUP BY session_id) l"
            + " ON l.session_id = u.session_id WHERE u.quarter >= ?1 AND u.quarter < ?2)";
    /**
     * The sessions of work per period and source, of {@code ft} and its quarters {@code at} (or {@code fi} and
     * {@code ai}): each session within one period from its own row, the others (a session over midnight) from
     * their quarters. Its {@code %%} become {@code %} when the tables' names are put in: then {@code %6$s} and
     * {@code %7$s} are the period of a session's first and last day, {@code %4$s} a quarter's.
     */
    private static final String PERIOD_SESSIONS = " UNION ALL SELECT 1, %%6$s, source, COUNT(*), 0, 0, 0, 0, 0, 0, 0, 0,"
            + " 0, 0, 0, 0, 0 FROM %1$s WHERE work AND %%6$s = %%7$s GROUP BY 2, 3"
            + " UNION ALL SELECT 1, %%4$s, source, COUNT(DISTINCT sid), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM %2$s"
            + " WHERE work AND sid IN (SELECT sid FROM %1$s WHERE %%6$s <> %%7$s) GROUP BY 2, 3";
    /** The sessions of work of the whole window by source, of {@code ft} or {@code fi} ({@code %s}). */
    private static final String WINDOW_SESSIONS = " UNION ALL SELECT 2, NULL, source, COUNT(*), 0, 0, 0, 0, 0, 0, 0,"
            + " 0, 0, 0, 0, 0, 0 FROM %s WHERE work GROUP BY 3";
    /** The sums of a window's quarters, of {@code at} or {@code ai}. */
    private static final String SUMS = " " + columns(Stream.concat(READINGS.stream().map(Reading::column),
            FIGURES.keySet().stream()).map(column -> "SUM(" + column + ")"));
    /**
     * Of {@link #WINDOW}, by period ({@code %4$s}, {@code %6$s} and {@code %7$s} a period's first day from
     * {@code day}, {@code first_day} and {@code last_day}): kind 0 a period and model's sums (twice where both
     * sources have some), kind 1 a period's sessions of work by source, kind 2 the window's. A session within
     * one period is counted from its own row; only the others from their quarters.
     */
    private static final String BY_PERIOD = WINDOW
            + " SELECT 0, %4$s, model," + SUMS + " FROM at GROUP BY 2, 3"
            + " UNION ALL SELECT 0, %4$s, model," + SUMS + " FROM ai GROUP BY 2, 3"
            + PERIOD_SESSIONS.formatted("ft", "at") + PERIOD_SESSIONS.formatted("fi", "ai")
            + WINDOW_SESSIONS.formatted("ft") + WINDOW_SESSIONS.formatted("fi");

    /** A session's sums of {@code at} or {@code ai} ({@code %s}), with its models and latest time (BY_SESSION). */
    private static final String SESSION_SUMS = " SELECT sid," + SUMS + ", MAX(last), MAX(work), MAX(source) AS source,"
            + " group_concat(DISTINCT CASE WHEN input + output + cc + cr <> 0 OR cost <> 0 THEN 'm' || hex(model) END)"
            + " FROM %s GROUP BY sid";

    /**
     * Telemetry's sessions summed in one pass over their quarters, grouped as the table's key orders them
     * ({@code ft} and {@code at} would read each session's quarters twice and sort them, twice the time on a year):
     * tokens and cost summed both as metrics and as api_request events give them, and those of the session's
     * reading taken ({@code at}'s rule: from its metrics if it has some with tokens or cost). The columns of
     * {@link #SESSION_SUMS}.
     */
    private static final String TELEMETRY_SESSION_SUMS = " SELECT sid, "
            + columns(READINGS.stream().map(r -> "CASE WHEN metrics THEN m_" + r.column() + " ELSE e_" + r.column()
                    + " END"))
            + ", " + String.join(", ", FIGURES.keySet()) + ", last, work, '" + TELEMETRY + "' AS source,"
            + " CASE WHEN metrics THEN m_models ELSE e_models END FROM (SELECT u.session_id AS sid,"
            + " MAX(" + METRIC_TOKENS + ") AS metrics, "
            + columns(READINGS.stream().map(r -> "SUM((u.metric_rows > 0) * " + r.metrics() + ") AS m_" + r.column()
                    + ", SUM((u.event_rows > 0) * " + r.events() + ") AS e_" + r.column()))
            + ", " + columns(FIGURES.entrySet().stream().map(f -> "SUM(" + f.getValue() + ") AS " + f.getKey()))
            + ", MAX(" + LAST + ") AS last, MAX(" + WORK + ") AS work,"
            + " group_concat(DISTINCT CASE WHEN " + METRIC_TOKENS + " THEN 'm' || hex(u.model) END) AS m_models,"
            + " group_concat(DISTINCT CASE WHEN " + EVENT_TOKENS + " THEN 'm' || hex(u.model) END) AS e_models"
            + " FROM %2$s WHERE %8$s >= ?1 AND %8$s < ?2%3$s AND u.session_id NOT IN tr GROUP BY u.session_id)";

    /**
     * Of {@link #WINDOW} ({@code %4$s} unused): per session its sums, its models with tokens or cost (each
     * {@code m} and the name in hex, since a name may hold the separator), its latest time and what the
     * sessions report says of it; telemetry's facts as {@link #sessions} reads them.
     */
    private static final String BY_SESSION = WINDOW
            + " SELECT g.*, CASE WHEN g.source <> '" + TELEMETRY + "' THEN i.started_at ELSE COALESCE(s.started_at, 0) END,"
            + " CASE WHEN g.source <> '" + TELEMETRY + "' THEN i.project WHEN s.session_id IS NULL THEN 'unknown'"
            + " ELSE COALESCE(x.project_dir, x.cwd, CASE WHEN s.project = '' THEN COALESCE(i.project, '') ELSE s.project END) END,"
            + " CASE WHEN g.source <> '" + TELEMETRY + "' OR s.session_id IS NULL THEN '' ELSE COALESCE(x.repo, '') END,"
            + " CASE WHEN g.source <> '" + TELEMETRY + "' THEN i.git_branch WHEN s.session_id IS NULL THEN ''"
            + " ELSE COALESCE(x.branch, i.git_branch, '') END"
            + " FROM (" + TELEMETRY_SESSION_SUMS + " UNION ALL" + SESSION_SUMS.formatted("ai") + ") g"
            // a session last seen before the window is one the slices know nothing of either (see sessions())
            + " LEFT JOIN sessions s ON s.session_id = g.sid AND s.last_seen >= ?1"
            + " LEFT JOIN session_context x ON x.session_id = g.sid LEFT JOIN imported_sessions i ON i.session_id = g.sid";

    /** What joins a session to its member in a hub's store (schema-5.sql). */
    private static final String MEMBERS = " JOIN members mb ON mb.id = s.member_id";

    private final Path path;
    /** What a slice calls its project, in SQL over {@code s} (sessions), {@code x} (contexts) and, at a hub, {@code mb}. */
    private final String project;
    /** Empty for a daemon's store; {@link #MEMBERS} for a hub's, whose slices are attributed to members. */
    private final String members;

    public SqliteUsageReader(Path path) {
        this(path, PROJECT, "");
    }

    private SqliteUsageReader(Path path, String project, String members) {
        this.path = path;
        this.project = project;
        this.members = members;
    }

    /**
     * A hub's history (its file, read while the hub writes) with each session's member, or member and
     * machine ({@code name@host}), as what the reports call its project; only the sessions a member sent.
     */
    static SqliteUsageReader byMember(Path path, boolean withMachine) {
        return new SqliteUsageReader(path, withMachine ? "(mb.name || '@' || s.host)" : "mb.name", MEMBERS);
    }

    /** A hub's history by each session's project, only the sessions a member sent. */
    static SqliteUsageReader byProjectOfMembers(Path path) {
        return new SqliteUsageReader(path, PROJECT, MEMBERS);
    }

    /** Whether there is a store to read at all. */
    public boolean exists() {
        return Files.isRegularFile(path);
    }

    @Override
    public List<UsageSlice> slices(Instant from, Instant to, Optional<String> project) {
        if (!exists()) {
            return List.of();
        }
        try (Connection c = Database.openReadOnly(path)) {
            c.setAutoCommit(false); // one read transaction: metrics, events and sessions from the same moment
            Map<List<Object>, Builder> slices = new LinkedHashMap<>();
            boolean withContext = Database.userVersion(c) >= CONTEXT_SINCE;
            boolean imports = Database.userVersion(c) >= SchemaMigrations.IMPORTS;
            String metrics = METRICS.formatted(this.project, members);
            String events = EVENTS.formatted(this.project, members);
            long start = from.toEpochMilli();
            long end = to.toEpochMilli();
            if (Database.userVersion(c) >= SchemaMigrations.QUARTERS) {
                // Whole quarters from their kept sums; the part of a quarter at either end of a window that begins or
                // ends inside one (the statusline's last five hours) from its rows, which the time indexes find.
                long wholeFrom = Math.min(-Math.floorDiv(-start, QUARTER_MS) * QUARTER_MS, end);
                long wholeTo = Math.max(wholeFrom, Math.floorDiv(end, QUARTER_MS) * QUARTER_MS);
                for (long[] part : new long[][] {{start, wholeFrom}, {wholeTo, end}}) {
                    if (part[0] < part[1]) {
                        read(c, metrics, part[0], part[1], project, slices, true);
                        read(c, events, part[0], part[1], project, slices, false);
                    }
                }
                if (wholeFrom < wholeTo) {
                    readQuarters(c, project.isEmpty() && members.isEmpty() ? ALL_QUARTERS
                            : QUARTERS.formatted(this.project, members), wholeFrom, wholeTo, project, slices);
                }
            } else {
                read(c, withContext ? metrics : withoutContext(metrics), start, end, project, slices, true);
                read(c, withContext ? events : withoutContext(events), start, end, project, slices, false);
            }
            Map<String, String[]> sessions = sessions(c, withContext, imports, from);
            List<UsageSlice> out = new ArrayList<>(slices.size());
            for (Builder b : slices.values()) {
                String[] session = sessions.getOrDefault(b.sessionId, new String[] {"unknown", "0", "", ""});
                out.add(b.build(session[0], Instant.ofEpochMilli(Long.parseLong(session[1])), session[2], session[3]));
            }
            if (imports && members.isEmpty()) { // a hub imports no transcripts
                out.addAll(imported(c, from, to, project));
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CalendarUsage> calendar(Instant from, Instant to, Optional<String> project, ZoneId zone,
            CalendarUsage.Period period) {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        if (start % QUARTER_MS != 0 || end % QUARTER_MS != 0) {
            return Optional.empty(); // a window that begins or ends inside a quarter: the slices read that part
        }
        if (!exists() || start >= end) {
            return Optional.of(new CalendarUsage(List.of(), List.of()));
        }
        try (Connection c = Database.openReadOnly(path)) {
            c.setAutoCommit(false); // one read transaction: the quarters' range and their sums from the same moment
            if (Database.userVersion(c) < SchemaMigrations.QUARTERS) {
                return Optional.empty(); // an older daemon's unmigrated store: no sums kept
            }
            Optional<String> day = localDay(c, zone, start, end);
            if (day.isEmpty()) {
                return Optional.of(new CalendarUsage(List.of(), List.of()));
            }
            Function<String, String> periodStart = switch (period) {
                case DAY -> d -> d;
                case WEEK -> d -> d + " - (" + d + " + 3) % 7"; // day 0, 1970-01-01, was a Thursday
                case MONTH -> d -> d + " - CAST(strftime('%d', " + d + " * 86400, 'unixepoch') AS INTEGER) + 1";
            };
            List<CalendarUsage.Cell> cells = new ArrayList<>();
            List<CalendarUsage.Sessions> sessions = new ArrayList<>();
            try (PreparedStatement ps = window(c, BY_PERIOD, day.get(), periodStart, start, end, project);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long epochDay = rs.getLong(2);
                    Optional<LocalDate> first = rs.wasNull() ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(epochDay));
                    if (rs.getInt(1) == 0) {
                        cells.add(new CalendarUsage.Cell(first.orElseThrow(), rs.getString(3), priced(rs, 4),
                                activity(rs, 4), code(rs, 4), rs.getDouble(4 + 13)));
                    } else {
                        sessions.add(new CalendarUsage.Sessions(first, CostSource.ofWireName(rs.getString(3)),
                                rs.getLong(4)));
                    }
                }
            }
            c.commit();
            return Optional.of(new CalendarUsage(cells, sessions));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<List<SessionUsage>> sessionUsage(Instant from, Instant to, Optional<String> project) {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        if (start % QUARTER_MS != 0 || end % QUARTER_MS != 0 || !members.isEmpty()) {
            return Optional.empty(); // a window inside a quarter at either end, or a hub's members: from the slices
        }
        if (!exists() || start >= end) {
            return Optional.of(List.of());
        }
        try (Connection c = Database.openReadOnly(path)) {
            if (Database.userVersion(c) < SchemaMigrations.QUARTERS) {
                return Optional.empty(); // an older daemon's unmigrated store: no sums kept
            }
            List<SessionUsage> out = new ArrayList<>();
            try (PreparedStatement ps = window(c, BY_SESSION, "0", d -> d, start, end, project);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SessionUsage(rs.getString(1), priced(rs, 2), activity(rs, 2), code(rs, 2),
                            rs.getDouble(2 + 13), rs.getBoolean(17), CostSource.ofWireName(rs.getString(18)),
                            models(rs.getString(19)), Instant.ofEpochMilli(rs.getLong(20)),
                            Instant.ofEpochMilli(rs.getLong(16)), rs.getString(21), rs.getString(22), rs.getString(23)));
                }
            }
            return Optional.of(out);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a window from {@code start} reaches back past telemetry's first quarter (a report without
     * {@code --since}): then {@code ft} reads every quarter, faster in key order than through the quarters'
     * index (a year's: 64 against 40 ms), and {@code +u.quarter} keeps SQLite from taking the index.
     */
    private static boolean everyQuarter(Connection c, long start) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MIN(quarter) FROM usage_quarters")) {
            return rs.next() && (rs.getObject(1) == null || start <= rs.getLong(1));
        }
    }

    /** Tokens and cost: the first five of the {@link #SUMS} columns, from column {@code first} on. */
    private static UsageSlice.Priced priced(ResultSet rs, int first) throws SQLException {
        return new UsageSlice.Priced(new Usage.Tokens(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2),
                rs.getLong(first + 3)), rs.getDouble(first + 4));
    }

    /** Prompts, tool results, API requests and errors: the next four of the {@link #SUMS} columns from {@code first}. */
    private static Usage.Activity activity(ResultSet rs, int first) throws SQLException {
        return new Usage.Activity(rs.getLong(first + 5), rs.getLong(first + 6), rs.getLong(first + 7),
                rs.getLong(first + 8));
    }

    /** Lines added and removed, commits, pull requests: the next four of the {@link #SUMS} columns (active time last). */
    private static Usage.CodeChanges code(ResultSet rs, int first) throws SQLException {
        return new Usage.CodeChanges(rs.getLong(first + 9), rs.getLong(first + 10), rs.getLong(first + 11),
                rs.getLong(first + 12));
    }

    /** The models of {@link #BY_SESSION}'s list: each {@code m} and the name in hex, separated by commas. */
    private static List<String> models(String list) {
        if (list == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String each : list.split(",")) {
            out.add(new String(HexFormat.of().parseHex(each, 1, each.length()), StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * {@code select} (of {@link #WINDOW}) prepared for [{@code start}, {@code end}) and the project, if any;
     * {@code day} its local day expression, {@code periodStart} a period's first day from a day's.
     */
    private PreparedStatement window(Connection c, String select, String day, Function<String, String> periodStart,
            long start, long end, Optional<String> project) throws SQLException {
        String telemetry = project.isEmpty() && members.isEmpty() ? "usage_quarters u"
                : "usage_quarters u JOIN sessions s ON s.session_id = u.session_id" + members
                        + " LEFT JOIN session_context x ON x.session_id = u.session_id";
        String ofProject = project.isEmpty() ? "" : " AND " + this.project + " = ?3";
        String noImports = members.isEmpty() ? "" : " AND 0"; // a hub imports no transcripts (see slices())
        String quarter = everyQuarter(c, start) ? "+u.quarter" : "u.quarter";
        PreparedStatement ps = c.prepareStatement(select.formatted(day, telemetry, ofProject, periodStart.apply("day"),
                noImports, periodStart.apply("first_day"), periodStart.apply("last_day"), quarter));
        ps.setLong(1, start);
        ps.setLong(2, end);
        ps.setString(3, project.orElse(null));
        return ps;
    }

    /**
     * The local day (days since 1970-01-01 in {@code zone}) of {@code u.quarter}, in SQL: the zone's offsets
     * between the first and the last quarter the window holds, newest first; empty where it holds none.
     */
    private static Optional<String> localDay(Connection c, ZoneId zone, long start, long end) throws SQLException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String table : List.of("usage_quarters", "imported_usage")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(quarter), MAX(quarter) FROM " + table
                    + " WHERE quarter >= ? AND quarter < ?")) {
                ps.setLong(1, start);
                ps.setLong(2, end);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        first = Math.min(first, rs.getLong(1));
                        last = Math.max(last, rs.getLong(2));
                    }
                }
            }
        }
        if (first > last) {
            return Optional.empty();
        }
        ZoneRules rules = zone.getRules();
        Instant at = Instant.ofEpochMilli(first);
        String offset = Long.toString(rules.getOffset(at).getTotalSeconds() * 1000L);
        for (ZoneOffsetTransition t = rules.nextTransition(at); t != null && t.toEpochSecond() * 1000 <= last;
                t = rules.nextTransition(t.getInstant())) {
            // each later offset tried before the earlier ones: most of a history is recent
            offset = "CASE WHEN u.quarter >= " + t.toEpochSecond() * 1000 + " THEN "
                    + t.getOffsetAfter().getTotalSeconds() * 1000L + " ELSE " + offset + " END";
        }
        // SQLite's integer division rounds towards zero: a first quarter within an offset of 1970 would make
        // a negative local time, so days are counted from two days earlier and shifted back
        return Optional.of("((u.quarter + " + offset + " + " + SHIFT_DAYS * DAY_MS + ") / " + DAY_MS + " - "
                + SHIFT_DAYS + ")");
    }

    private static final long DAY_MS = 86_400_000L;
    /** Days the local day is counted from before SQLite divides: every offset in use is under one. */
    private static final long SHIFT_DAYS = 2;

    private static void read(Connection c, String sql, long from, long to, Optional<String> project,
            Map<List<Object>, Builder> into, boolean metrics) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, QUARTER_MS);
            ps.setLong(2, QUARTER_MS);
            ps.setLong(3, from);
            ps.setLong(4, to);
            ps.setString(5, project.orElse(null));
            ps.setString(6, project.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (metrics) {
                        builder(into, rs).metrics(rs, 4);
                    } else {
                        builder(into, rs).events(rs, 4);
                    }
                }
            }
        }
    }

    /** The kept sums of the quarters in [{@code from}, {@code to}), both sources of a quarter in one row. */
    private static void readQuarters(Connection c, String sql, long from, long to, Optional<String> project,
            Map<List<Object>, Builder> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            if (ps.getParameterMetaData().getParameterCount() > 2) {
                ps.setString(3, project.orElse(null));
                ps.setString(4, project.orElse(null));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Builder b = builder(into, rs);
                    if (rs.getLong(4) > 0) { // the quarter's metric rows, in the columns after their count
                        b.metrics(rs, 5);
                    }
                    if (rs.getLong(16) > 0) { // and its event rows
                        b.events(rs, 17);
                    }
                }
            }
        }
    }

    /** The slice of the row's session, model and quarter (its first three columns), made on first sight. */
    private static Builder builder(Map<List<Object>, Builder> into, ResultSet rs) throws SQLException {
        return into.computeIfAbsent(List.of(rs.getString(1), rs.getString(2), rs.getLong(3)),
                k -> new Builder((String) k.get(0), (String) k.get(1), (Long) k.get(2)));
    }

    /** A query of a store an older daemon still writes, unmigrated: no session has a context there. */
    private static String withoutContext(String sql) {
        return sql.replace(" LEFT JOIN session_context x ON x.session_id = m.session_id", "")
                .replace(" LEFT JOIN session_context x ON x.session_id = e.session_id", "")
                .replace(PROJECT, "s.project");
    }

    /**
     * Slices of sessions read from transcripts; each session's lines (kept for the whole session) in its
     * last slice of the window.
     */
    private static List<UsageSlice> imported(Connection c, Instant from, Instant to, Optional<String> project)
            throws SQLException {
        List<UsageSlice> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(IMPORTED)) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            ps.setString(3, project.orElse(null));
            ps.setString(4, project.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sessionId = rs.getString(1);
                    long quarter = rs.getLong(3);
                    Usage.Tokens tokens = new Usage.Tokens(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
                    Usage.CodeChanges code = new Usage.CodeChanges(rs.getLong(15), rs.getLong(16), 0, 0);
                    if (!out.isEmpty() && out.getLast().sessionId().equals(sessionId)) {
                        UsageSlice earlier = out.removeLast(); // only the last slice keeps the session's lines
                        out.add(new UsageSlice(earlier.sessionId(), earlier.project(), earlier.sessionStart(),
                                earlier.quarter(), earlier.model(), earlier.fromMetrics(), earlier.fromEvents(),
                                earlier.activity(), Usage.CodeChanges.ZERO, 0, earlier.lastAt(), earlier.repo(), earlier.branch(),
                                earlier.costSource()));
                    }
                    long lastAt = Math.min(rs.getLong(14), quarter + QUARTER_MS - 1);
                    out.add(new UsageSlice(sessionId, rs.getString(12), Instant.ofEpochMilli(rs.getLong(13)),
                            Instant.ofEpochMilli(quarter), rs.getString(2), new UsageSlice.Priced(tokens, rs.getDouble(8)),
                            UsageSlice.Priced.ZERO, new Usage.Activity(rs.getLong(9), 0, rs.getLong(10), 0), code, 0,
                            Instant.ofEpochMilli(Math.max(lastAt, quarter)), "", rs.getString(17),
                            CostSource.ofWireName(rs.getString(11))));
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, BothSources> inBothSources(Collection<String> sessionIds) {
        if (!exists() || sessionIds.isEmpty()) {
            return Map.of();
        }
        try (Connection c = Database.openReadOnly(path)) {
            if (Database.userVersion(c) < SchemaMigrations.IMPORTS) {
                return Map.of();
            }
            java.util.Set<String> wanted = new java.util.HashSet<>(sessionIds);
            Map<String, BothSources> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT i.session_id, s.cost_usd, i.cost_usd"
                    + " FROM imported_sessions i JOIN sessions s ON s.session_id = i.session_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getString(1))) {
                        out.put(rs.getString(1), new BothSources(rs.getDouble(2), rs.getDouble(3)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Each session's project, start, repository and branch (the last two empty where unknown). The project is the
     * folder the statusline named, else what telemetry said, else (where telemetry named none) its transcript's.
     */
    private Map<String, String[]> sessions(Connection c, boolean withContext, boolean imports, Instant from)
            throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        String telemetry = imports ? "CASE WHEN s.project = '' THEN COALESCE(i.project, '') ELSE s.project END"
                : "s.project";
        String projectColumn = !members.isEmpty() ? project
                : withContext ? "COALESCE(x.project_dir, x.cwd, " + telemetry + ")" : telemetry;
        String sql = "SELECT s.session_id, " + projectColumn + ", s.started_at, " + (withContext ? "COALESCE(x.repo, '')" : "''") + ", "
                + (withContext ? "COALESCE(x.branch, " + (imports ? "i.git_branch, " : "") + "'')"
                        : imports ? "COALESCE(i.git_branch, '')" : "''")
                + " FROM sessions s" + members
                + (withContext ? " LEFT JOIN session_context x ON x.session_id = s.session_id" : "")
                + (imports ? " LEFT JOIN imported_sessions i ON i.session_id = s.session_id" : "")
                // a session last seen before the window has no slice in it: a month's report of a year's store
                // reads a month's sessions, not the year's
                + " WHERE s.last_seen >= ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new String[] {rs.getString(2), Long.toString(rs.getLong(3)),
                            rs.getString(4), rs.getString(5)});
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, String> firstPrompts(Instant from, Instant to) {
        if (!exists()) {
            return Map.of();
        }
        try (Connection c = Database.openReadOnly(path)) {
            int version = Database.userVersion(c);
            if (version < PROMPT_TEXT_SINCE) {
                return Map.of(); // an older daemon still writes this store, unmigrated: it keeps no prompt text
            }
            // SQLite takes the bare column (prompt) from the row of the MIN. Named, the index of kept prompts
            // (schema-7.sql) is read whole in session order, prompts only; left to itself, the planner would
            // take the ts range to events_by_time and read every event of the window.
            String prompts = version >= SchemaMigrations.FIRST_PROMPTS
                    ? "events INDEXED BY events_first_prompts" : "events";
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id, prompt, MIN(ts) FROM " + prompts + " WHERE"
                    + " event_type = 'user_prompt' AND prompt IS NOT NULL AND ts >= ? AND ts < ? GROUP BY session_id")) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<LimitSnapshot> limitSnapshots(Instant from, Instant to) {
        if (!exists()) {
            return List.of();
        }
        try (Connection c = Database.openReadOnly(path)) {
            if (Database.userVersion(c) < CONTEXT_SINCE) {
                return List.of();
            }
            List<LimitSnapshot> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT limit_window, ts, used_percent, resets_at FROM"
                    + " rate_limits WHERE ts >= ? AND ts < ? ORDER BY ts, limit_window")) {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Optional<SessionContext.Window> window = SessionContext.Window.fromId(rs.getString(1));
                        if (window.isPresent()) { // a window a newer ccotel knows: not this one's to report
                            out.add(new LimitSnapshot(window.get(), Instant.ofEpochMilli(rs.getLong(2)), rs.getDouble(3),
                                    Instant.ofEpochMilli(rs.getLong(4))));
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<TimelineEvent> events(String sessionId, int limit) {
        if (!exists()) {
            return List.of();
        }
        try (Connection c = Database.openReadOnly(path)) {
            boolean complete = Database.userVersion(c) >= PROMPT_TEXT_SINCE;
            String sql = "SELECT ts, event_type, model, cost_usd, input_tokens, output_tokens, cache_creation_tokens,"
                    + " cache_read_tokens, duration_ms, tool_name, success, status_code, "
                    + (complete ? "decision, source, error, prompt, prompt_length" : "'', '', '', NULL, NULL")
                    + " FROM events WHERE session_id = ? ORDER BY ts, event_id LIMIT ?";
            List<TimelineEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sessionId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(event(rs));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DecisionCount> decisions(Instant from, Instant to) {
        if (!exists()) {
            return List.of();
        }
        try (Connection c = Database.openReadOnly(path)) {
            if (Database.userVersion(c) < PROMPT_TEXT_SINCE) {
                return List.of(); // an older daemon's store keeps no decision
            }
            List<DecisionCount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT (ts / ?) * ?, decision, COUNT(*) FROM events"
                    + " WHERE event_type = 'tool_decision' AND ts >= ? AND ts < ? GROUP BY 1, 2 ORDER BY 1, 2")) {
                ps.setLong(1, QUARTER_MS);
                ps.setLong(2, QUARTER_MS);
                ps.setLong(3, from.toEpochMilli());
                ps.setLong(4, to.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DecisionCount(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getLong(3)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<SessionSpan> spans(String sessionId, int limit) {
        if (!exists()) {
            return List.of();
        }
        try (Connection c = Database.openReadOnly(path)) {
            if (Database.userVersion(c) < CONTEXT_SINCE) {
                return List.of();
            }
            List<SessionSpan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT trace_id, span_id, parent_span_id, kind, start_ns,"
                    + " end_ns, model, request_id, tool, decision, source, success, ttft_ms FROM spans"
                    + " WHERE session_id = ? ORDER BY start_ns, end_ns DESC, span_id LIMIT ?")) { // a parent before its child
                ps.setString(1, sessionId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int success = rs.getInt(12);
                        Optional<Boolean> succeeded = rs.wasNull() ? Optional.empty() : Optional.of(success != 0);
                        out.add(new SessionSpan(sessionId, rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), Instant.ofEpochSecond(0, rs.getLong(5)), Instant.ofEpochSecond(0,
                                rs.getLong(6)), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getString(11), succeeded, optionalLong(rs, 13)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the local store " + path + ": " + e.getMessage(), e);
        }
    }

    private static TimelineEvent event(ResultSet rs) throws SQLException {
        double cost = rs.getDouble(4);
        OptionalDouble costUsd = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(cost);
        long input = rs.getLong(5);
        Optional<Usage.Tokens> tokens = rs.wasNull() ? Optional.empty()
                : Optional.of(new Usage.Tokens(input, rs.getLong(6), rs.getLong(7), rs.getLong(8)));
        int success = rs.getInt(11);
        Optional<Boolean> succeeded = rs.wasNull() ? Optional.empty() : Optional.of(success != 0);
        return new TimelineEvent(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), costUsd, tokens,
                optionalLong(rs, 9), rs.getString(10), text(rs, 13), text(rs, 14), succeeded, text(rs, 15),
                Optional.ofNullable(rs.getString(16)), optionalLong(rs, 17), optionalLong(rs, 12));
    }

    private static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? "" : v;
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

        /**
         * The metrics' sums from column {@code first} on: four token types, cost, lines added and removed,
         * commits, pull requests, active seconds, the latest time.
         */
        void metrics(ResultSet rs, int first) throws SQLException {
            fromMetrics = new UsageSlice.Priced(tokens(rs, first), rs.getDouble(first + 4));
            code = new Usage.CodeChanges(Math.round(rs.getDouble(first + 5)), Math.round(rs.getDouble(first + 6)),
                    Math.round(rs.getDouble(first + 7)), Math.round(rs.getDouble(first + 8)));
            activeSeconds = rs.getDouble(first + 9);
            lastAt = Math.max(lastAt, rs.getLong(first + 10));
        }

        /** The events' sums from column {@code first} on: four token types, cost, the four counts, the latest time. */
        void events(ResultSet rs, int first) throws SQLException {
            fromEvents = new UsageSlice.Priced(tokens(rs, first), rs.getDouble(first + 4));
            activity = new Usage.Activity(rs.getLong(first + 5), rs.getLong(first + 6), rs.getLong(first + 7),
                    rs.getLong(first + 8));
            lastAt = Math.max(lastAt, rs.getLong(first + 9));
        }

        private static Usage.Tokens tokens(ResultSet rs, int first) throws SQLException {
            return new Usage.Tokens(Math.round(rs.getDouble(first)), Math.round(rs.getDouble(first + 1)),
                    Math.round(rs.getDouble(first + 2)), Math.round(rs.getDouble(first + 3)));
        }

        UsageSlice build(String project, Instant sessionStart, String repo, String branch) {
            return new UsageSlice(sessionId, project, sessionStart, Instant.ofEpochMilli(quarter), model, fromMetrics,
                    fromEvents, activity, code, activeSeconds, Instant.ofEpochMilli(lastAt), repo, branch,
                    CostSource.TELEMETRY);
        }
    }
}
