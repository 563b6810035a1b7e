-- Version 2: spans, for the team dashboard's session timeline (time to first token, tool run time, the
-- wait for a permission), as the local store keeps them (adapter-sqlite-out's schema-3.sql). Only raw
-- OTLP traces sent to the hub bring them: the backend contract a daemon forwards has no spans. Kept once
-- by trace and span id; a span's session is read by its id (the session's member is on `sessions`).
-- Times are epoch nanoseconds, as the local store keeps them: a span of a tool call is often under a
-- millisecond.
CREATE TABLE spans (
    trace_id       TEXT NOT NULL,
    span_id        TEXT NOT NULL,
    parent_span_id TEXT NOT NULL,
    session_id     TEXT NOT NULL,
    kind           TEXT NOT NULL,
    start_ns       BIGINT NOT NULL,
    end_ns         BIGINT NOT NULL,
    model          TEXT NOT NULL,
    request_id     TEXT NOT NULL,
    tool           TEXT NOT NULL,
    decision       TEXT NOT NULL,
    source         TEXT NOT NULL,
    success        BOOLEAN,
    ttft_ms        BIGINT,
    PRIMARY KEY (trace_id, span_id)
);
CREATE INDEX spans_by_session ON spans (session_id, start_ns);

-- The dashboard's tool-decision chart counts tool_decision events per quarter hour over a range of days.
CREATE INDEX events_decisions_by_time ON events (ts) WHERE event_type = 'tool_decision';
