-- Version 1 of the hub's store: the local store's shape (adapter-sqlite-out's schema-*.sql) for every
-- member's sessions, plus who sent them. Times are epoch milliseconds (UTC), as in the local store, so
-- the report queries read the same; ids are ccotel's deterministic event and metric ids, so a daemon's
-- retry, an outbox sent again after a crash, and one session arriving by two paths are stored once.

-- When this store began: a cumulative series of a session older than this may have been counted
-- elsewhere first, so its first point is a baseline (LoadSessionStatePort#trustedSince).
CREATE TABLE store_info (
    created_at BIGINT NOT NULL
);
INSERT INTO store_info (created_at) VALUES ((EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT);

-- People who send; only the SHA-256 of their token is kept. A removed member's rows stay theirs.
CREATE TABLE members (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    added_at     BIGINT NOT NULL,
    removed_at   BIGINT
);
CREATE UNIQUE INDEX members_current_name ON members (name) WHERE removed_at IS NULL;

CREATE TABLE sessions (
    session_id            TEXT PRIMARY KEY,
    -- the member whose token brought the session first, and the machine it runs on
    member_id             BIGINT NOT NULL REFERENCES members (id),
    host                  TEXT NOT NULL,
    project               TEXT NOT NULL,
    app_version           TEXT NOT NULL,
    terminal_type         TEXT NOT NULL,
    os_type               TEXT NOT NULL,
    started_at            BIGINT NOT NULL,
    last_seen             BIGINT NOT NULL,
    -- running totals as last sent (see the README's wire contract)
    prompts               BIGINT NOT NULL,
    tool_calls            BIGINT NOT NULL,
    api_requests          BIGINT NOT NULL,
    cost_usd              DOUBLE PRECISION NOT NULL,
    input_tokens          BIGINT NOT NULL,
    output_tokens         BIGINT NOT NULL,
    cache_read_tokens     BIGINT NOT NULL,
    cache_creation_tokens BIGINT NOT NULL,
    lines_added           BIGINT NOT NULL,
    lines_removed         BIGINT NOT NULL,
    commits               BIGINT NOT NULL,
    pull_requests         BIGINT NOT NULL,
    active_seconds        DOUBLE PRECISION NOT NULL
);
CREATE INDEX sessions_by_member ON sessions (member_id);

-- What the fold knows of a session sent as raw OTLP (dev.ccotel.domain.SessionState#encode), so that
-- any hub on this database continues it. Sessions a daemon forwarded have none: the daemon keeps it.
CREATE TABLE session_states (
    session_id TEXT PRIMARY KEY,
    last_seen  BIGINT NOT NULL,
    state      BYTEA NOT NULL
);

CREATE TABLE events (
    event_id              TEXT PRIMARY KEY,
    session_id            TEXT NOT NULL,
    event_type            TEXT NOT NULL,
    ts                    BIGINT NOT NULL,
    model                 TEXT NOT NULL,
    cost_usd              DOUBLE PRECISION,
    input_tokens          BIGINT,
    output_tokens         BIGINT,
    cache_read_tokens     BIGINT,
    cache_creation_tokens BIGINT,
    duration_ms           BIGINT,
    tool_name             TEXT NOT NULL,
    success               BOOLEAN,
    status_code           BIGINT,
    sequence              BIGINT,
    prompt_id             TEXT NOT NULL,
    decision              TEXT NOT NULL,
    source                TEXT NOT NULL,
    language              TEXT NOT NULL,
    error                 TEXT NOT NULL,
    attempt               BIGINT,
    prompt_length         BIGINT,
    tool_input_size_bytes BIGINT,
    -- only where the member's daemon lets content through (privacy.forward-prompts / -tool-input)
    prompt                TEXT,
    tool_parameters       TEXT,
    -- every other attribute, as sent: {"request_id": "req_...", "ttft_ms": "812", ...}
    attributes            TEXT NOT NULL
);
CREATE INDEX events_by_time ON events (ts);
CREATE INDEX events_by_session ON events (session_id, ts);

CREATE TABLE metrics (
    metric_id   TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL,
    metric_type TEXT NOT NULL,
    ts          BIGINT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    model       TEXT NOT NULL,
    token_type  TEXT NOT NULL,
    lines_type  TEXT NOT NULL,
    tool        TEXT NOT NULL,
    decision    TEXT NOT NULL,
    source      TEXT NOT NULL,
    language    TEXT NOT NULL,
    start_type  TEXT NOT NULL
);
CREATE INDEX metrics_by_time ON metrics (ts);
