-- Version 1 of the local store. Times are epoch milliseconds (UTC); ids are ccotel's
-- deterministic event and metric ids, so a re-sent export is stored once.

CREATE TABLE sessions (
    session_id            TEXT PRIMARY KEY,
    host                  TEXT NOT NULL,
    project               TEXT NOT NULL,
    app_version           TEXT NOT NULL,
    terminal_type         TEXT NOT NULL,
    os_type               TEXT NOT NULL,
    started_at            INTEGER NOT NULL,
    last_seen             INTEGER NOT NULL,
    -- running totals as last sent (see the README's wire contract)
    prompts               INTEGER NOT NULL,
    tool_calls            INTEGER NOT NULL,
    api_requests          INTEGER NOT NULL,
    cost_usd              REAL NOT NULL,
    input_tokens          INTEGER NOT NULL,
    output_tokens         INTEGER NOT NULL,
    cache_read_tokens     INTEGER NOT NULL,
    cache_creation_tokens INTEGER NOT NULL,
    lines_added           INTEGER NOT NULL,
    lines_removed         INTEGER NOT NULL,
    commits               INTEGER NOT NULL,
    pull_requests         INTEGER NOT NULL,
    active_seconds        REAL NOT NULL
);

-- What the ledger knows of a session (dev.ccotel.domain.SessionState#encode), so that a restarted
-- daemon continues it. Kept apart from the history so that store.max-age: 0 keeps only this.
CREATE TABLE session_states (
    session_id TEXT PRIMARY KEY,
    last_seen  INTEGER NOT NULL,
    state      BLOB NOT NULL
);

CREATE TABLE events (
    event_id              TEXT PRIMARY KEY,
    session_id            TEXT NOT NULL,
    event_type            TEXT NOT NULL,
    ts                    INTEGER NOT NULL,
    model                 TEXT NOT NULL,
    cost_usd              REAL,
    input_tokens          INTEGER,
    output_tokens         INTEGER,
    cache_read_tokens     INTEGER,
    cache_creation_tokens INTEGER,
    duration_ms           INTEGER,
    tool_name             TEXT NOT NULL,
    success               INTEGER,
    status_code           INTEGER
);
CREATE INDEX events_by_time ON events (ts);

CREATE TABLE metrics (
    metric_id   TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL,
    metric_type TEXT NOT NULL,
    ts          INTEGER NOT NULL,
    value       REAL NOT NULL,
    model       TEXT NOT NULL,
    token_type  TEXT NOT NULL,
    lines_type  TEXT NOT NULL
);
CREATE INDEX metrics_by_time ON metrics (ts);

-- Requests waiting for the backend, in the order they were kept; written in the same
-- transaction as the rows they come from.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    kept_at    INTEGER NOT NULL,
    items      INTEGER NOT NULL,
    body       BLOB NOT NULL
);

-- Requests the backend refused for good, for people to see (ccotel status).
CREATE TABLE refused (
    id         INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    kept_at    INTEGER NOT NULL,
    refused_at INTEGER NOT NULL,
    items      INTEGER NOT NULL,
    message    TEXT NOT NULL,
    body       BLOB NOT NULL
);
