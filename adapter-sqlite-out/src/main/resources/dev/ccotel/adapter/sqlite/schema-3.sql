-- Version 3: what Claude Code's statusline and SessionStart hook say of a session and OTLP does not:
-- its folder, repository, branch, worktree, pull request, name, and the plan's limit use. No prompt
-- text. Joined to the sessions by session_id; a session may have a context and no telemetry (the
-- daemon heard the statusline before any export), or telemetry and no context (no statusline).

CREATE TABLE session_context (
    session_id           TEXT PRIMARY KEY,
    first_seen           INTEGER NOT NULL,
    last_seen            INTEGER NOT NULL,
    project_dir          TEXT,
    cwd                  TEXT,
    repo                 TEXT,
    branch               TEXT,
    worktree             TEXT,
    pull_request         TEXT,
    session_name         TEXT,
    model                TEXT,
    app_version          TEXT,
    -- Claude Code's own client-side figures, as last told: estimates, not the record
    client_cost_usd      REAL,
    client_lines_added   INTEGER,
    client_lines_removed INTEGER
);

-- The limit windows' use over time: a row when a window's use or reset time changed, whichever
-- session told it (the limits are the account's, not a session's).
CREATE TABLE rate_limits (
    ts           INTEGER NOT NULL,
    limit_window TEXT NOT NULL,
    used_percent REAL NOT NULL,
    resets_at    INTEGER NOT NULL,
    session_id   TEXT NOT NULL,
    PRIMARY KEY (limit_window, ts)
);

-- A session's events in order, for the dashboard's session page, without reading every event.
CREATE INDEX events_by_session ON events (session_id, ts);

-- Spans of Claude Code's traces (its enhanced-telemetry beta), for the session page: where time went.
-- Ids and figures only; ids are hex. Times are epoch nanoseconds, as the spans carry them.
CREATE TABLE spans (
    trace_id       TEXT NOT NULL,
    span_id        TEXT NOT NULL,
    parent_span_id TEXT NOT NULL,
    session_id     TEXT NOT NULL,
    kind           TEXT NOT NULL,
    start_ns       INTEGER NOT NULL,
    end_ns         INTEGER NOT NULL,
    model          TEXT NOT NULL,
    request_id     TEXT NOT NULL,
    tool           TEXT NOT NULL,
    decision       TEXT NOT NULL,
    source         TEXT NOT NULL,
    success        INTEGER,
    ttft_ms        INTEGER,
    PRIMARY KEY (trace_id, span_id)
);
CREATE INDEX spans_by_session ON spans (session_id, start_ns);
