-- Version 4: sessions read from Claude Code's transcripts (ccotel import), kept beside telemetry and
-- never mixed into it: which of the two counts for a session is decided when reporting (see the
-- README's "Cost source"), so that telemetry arriving after an import, or an import after telemetry,
-- never counts a session twice.

-- The files read, as they were then: a file whose size and modification time are unchanged is not read again.
CREATE TABLE transcript_files (
    path       TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    sub_agent  INTEGER NOT NULL,
    size       INTEGER NOT NULL,
    modified   INTEGER NOT NULL,
    read_at    INTEGER NOT NULL
);

-- One row per session read from transcripts; cost_source is 'transcript' (Claude Code's own cost-state)
-- or 'estimate' (priced by the price list, prices_as_of); settled is 0 while Claude Code was still writing it.
CREATE TABLE imported_sessions (
    session_id    TEXT PRIMARY KEY,
    project       TEXT NOT NULL,
    git_branch    TEXT NOT NULL,
    app_version   TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    ended_at      INTEGER NOT NULL,
    cost_source   TEXT NOT NULL,
    settled       INTEGER NOT NULL,
    cost_usd      REAL NOT NULL,
    prompts       INTEGER NOT NULL,
    lines_added   INTEGER NOT NULL,
    lines_removed INTEGER NOT NULL,
    prices_as_of  TEXT NOT NULL,
    imported_at   INTEGER NOT NULL
);

-- Their usage by quarter of an hour (epoch ms) and model ('' for prompts, which belong to no model).
CREATE TABLE imported_usage (
    session_id            TEXT NOT NULL,
    quarter               INTEGER NOT NULL,
    model                 TEXT NOT NULL,
    input_tokens          INTEGER NOT NULL,
    output_tokens         INTEGER NOT NULL,
    cache_creation_tokens INTEGER NOT NULL,
    cache_read_tokens     INTEGER NOT NULL,
    cost_usd              REAL NOT NULL,
    prompts               INTEGER NOT NULL,
    api_requests          INTEGER NOT NULL,
    PRIMARY KEY (session_id, quarter, model)
);
CREATE INDEX imported_usage_by_quarter ON imported_usage (quarter);
