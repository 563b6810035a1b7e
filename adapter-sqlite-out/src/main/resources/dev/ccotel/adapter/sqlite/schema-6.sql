-- Version 6: what the reports read, summed as it is written. A report over a year of history used to
-- sum every metric and event row in it (about 16 rows per session) on every run; it now reads one row
-- per session, model and quarter hour (epoch ms, as the reports slice time), which triggers keep equal
-- to those sums: a row kept adds itself, a row pruned (store.max-age) takes itself away, and a row
-- the store already held (a re-sent export: INSERT OR IGNORE) fires nothing.
--
-- metric_rows and event_rows say whether a source has rows in the quarter at all (a report tells
-- "no metrics" from "metrics of zero"); m_last and e_last are the latest row's time of each source.
CREATE TABLE usage_quarters (
    session_id       TEXT NOT NULL,
    model            TEXT NOT NULL,
    quarter          INTEGER NOT NULL,
    metric_rows      INTEGER NOT NULL DEFAULT 0,
    m_input          REAL NOT NULL DEFAULT 0,
    m_output         REAL NOT NULL DEFAULT 0,
    m_cache_creation REAL NOT NULL DEFAULT 0,
    m_cache_read     REAL NOT NULL DEFAULT 0,
    m_cost           REAL NOT NULL DEFAULT 0,
    lines_added      REAL NOT NULL DEFAULT 0,
    lines_removed    REAL NOT NULL DEFAULT 0,
    commits          REAL NOT NULL DEFAULT 0,
    pull_requests    REAL NOT NULL DEFAULT 0,
    active_seconds   REAL NOT NULL DEFAULT 0,
    m_last           INTEGER NOT NULL DEFAULT 0,
    event_rows       INTEGER NOT NULL DEFAULT 0,
    e_input          INTEGER NOT NULL DEFAULT 0,
    e_output         INTEGER NOT NULL DEFAULT 0,
    e_cache_creation INTEGER NOT NULL DEFAULT 0,
    e_cache_read     INTEGER NOT NULL DEFAULT 0,
    e_cost           REAL NOT NULL DEFAULT 0,
    prompts          INTEGER NOT NULL DEFAULT 0,
    tool_results     INTEGER NOT NULL DEFAULT 0,
    api_requests     INTEGER NOT NULL DEFAULT 0,
    api_errors       INTEGER NOT NULL DEFAULT 0,
    e_last           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, model, quarter)
) WITHOUT ROWID;
CREATE INDEX usage_quarters_by_quarter ON usage_quarters (quarter);

CREATE TRIGGER metrics_into_quarters AFTER INSERT ON metrics BEGIN
    INSERT INTO usage_quarters (session_id, model, quarter, metric_rows, m_input, m_output, m_cache_creation,
            m_cache_read, m_cost, lines_added, lines_removed, commits, pull_requests, active_seconds, m_last)
    VALUES (NEW.session_id, NEW.model, (NEW.ts / 900000) * 900000, 1,
            CASE WHEN NEW.metric_type = 'token_usage' AND NEW.token_type = 'input' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'token_usage' AND NEW.token_type = 'output' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'token_usage' AND NEW.token_type = 'cacheCreation' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'token_usage' AND NEW.token_type = 'cacheRead' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'cost_usage' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'lines_of_code_count' AND NEW.lines_type = 'added' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'lines_of_code_count' AND NEW.lines_type = 'removed' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'commit_count' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'pull_request_count' THEN NEW.value ELSE 0 END,
            CASE WHEN NEW.metric_type = 'active_time_total' THEN NEW.value ELSE 0 END,
            NEW.ts)
    ON CONFLICT (session_id, model, quarter) DO UPDATE SET metric_rows = metric_rows + 1,
            m_input = m_input + excluded.m_input, m_output = m_output + excluded.m_output,
            m_cache_creation = m_cache_creation + excluded.m_cache_creation,
            m_cache_read = m_cache_read + excluded.m_cache_read, m_cost = m_cost + excluded.m_cost,
            lines_added = lines_added + excluded.lines_added, lines_removed = lines_removed + excluded.lines_removed,
            commits = commits + excluded.commits, pull_requests = pull_requests + excluded.pull_requests,
            active_seconds = active_seconds + excluded.active_seconds, m_last = MAX(m_last, excluded.m_last);
END;

CREATE TRIGGER events_into_quarters AFTER INSERT ON events BEGIN
    INSERT INTO usage_quarters (session_id, model, quarter, event_rows, e_input, e_output, e_cache_creation,
            e_cache_read, e_cost, prompts, tool_results, api_requests, api_errors, e_last)
    VALUES (NEW.session_id, NEW.model, (NEW.ts / 900000) * 900000, 1,
            CASE WHEN NEW.event_type = 'api_request' THEN COALESCE(NEW.input_tokens, 0) ELSE 0 END,
            CASE WHEN NEW.event_type = 'api_request' THEN COALESCE(NEW.output_tokens, 0) ELSE 0 END,
            CASE WHEN NEW.event_type = 'api_request' THEN COALESCE(NEW.cache_creation_tokens, 0) ELSE 0 END,
            CASE WHEN NEW.event_type = 'api_request' THEN COALESCE(NEW.cache_read_tokens, 0) ELSE 0 END,
            CASE WHEN NEW.event_type = 'api_request' THEN COALESCE(NEW.cost_usd, 0) ELSE 0 END,
            NEW.event_type = 'user_prompt', NEW.event_type = 'tool_result', NEW.event_type = 'api_request',
            NEW.event_type = 'api_error', NEW.ts)
    ON CONFLICT (session_id, model, quarter) DO UPDATE SET event_rows = event_rows + 1,
            e_input = e_input + excluded.e_input, e_output = e_output + excluded.e_output,
            e_cache_creation = e_cache_creation + excluded.e_cache_creation,
            e_cache_read = e_cache_read + excluded.e_cache_read, e_cost = e_cost + excluded.e_cost,
            prompts = prompts + excluded.prompts, tool_results = tool_results + excluded.tool_results,
            api_requests = api_requests + excluded.api_requests, api_errors = api_errors + excluded.api_errors,
            e_last = MAX(e_last, excluded.e_last);
END;

-- Pruning deletes the oldest rows first, so what stays of a quarter is its newest: m_last and e_last hold.
CREATE TRIGGER metrics_out_of_quarters AFTER DELETE ON metrics BEGIN
    UPDATE usage_quarters SET metric_rows = metric_rows - 1,
            m_input = m_input - CASE WHEN OLD.metric_type = 'token_usage' AND OLD.token_type = 'input' THEN OLD.value ELSE 0 END,
            m_output = m_output - CASE WHEN OLD.metric_type = 'token_usage' AND OLD.token_type = 'output' THEN OLD.value ELSE 0 END,
            m_cache_creation = m_cache_creation - CASE WHEN OLD.metric_type = 'token_usage' AND OLD.token_type = 'cacheCreation' THEN OLD.value ELSE 0 END,
            m_cache_read = m_cache_read - CASE WHEN OLD.metric_type = 'token_usage' AND OLD.token_type = 'cacheRead' THEN OLD.value ELSE 0 END,
            m_cost = m_cost - CASE WHEN OLD.metric_type = 'cost_usage' THEN OLD.value ELSE 0 END,
            lines_added = lines_added - CASE WHEN OLD.metric_type = 'lines_of_code_count' AND OLD.lines_type = 'added' THEN OLD.value ELSE 0 END,
            lines_removed = lines_removed - CASE WHEN OLD.metric_type = 'lines_of_code_count' AND OLD.lines_type = 'removed' THEN OLD.value ELSE 0 END,
            commits = commits - CASE WHEN OLD.metric_type = 'commit_count' THEN OLD.value ELSE 0 END,
            pull_requests = pull_requests - CASE WHEN OLD.metric_type = 'pull_request_count' THEN OLD.value ELSE 0 END,
            active_seconds = active_seconds - CASE WHEN OLD.metric_type = 'active_time_total' THEN OLD.value ELSE 0 END
        WHERE session_id = OLD.session_id AND model = OLD.model AND quarter = (OLD.ts / 900000) * 900000;
    DELETE FROM usage_quarters WHERE session_id = OLD.session_id AND model = OLD.model
        AND quarter = (OLD.ts / 900000) * 900000 AND metric_rows = 0 AND event_rows = 0;
END;

CREATE TRIGGER events_out_of_quarters AFTER DELETE ON events BEGIN
    UPDATE usage_quarters SET event_rows = event_rows - 1,
            e_input = e_input - CASE WHEN OLD.event_type = 'api_request' THEN COALESCE(OLD.input_tokens, 0) ELSE 0 END,
            e_output = e_output - CASE WHEN OLD.event_type = 'api_request' THEN COALESCE(OLD.output_tokens, 0) ELSE 0 END,
            e_cache_creation = e_cache_creation - CASE WHEN OLD.event_type = 'api_request' THEN COALESCE(OLD.cache_creation_tokens, 0) ELSE 0 END,
            e_cache_read = e_cache_read - CASE WHEN OLD.event_type = 'api_request' THEN COALESCE(OLD.cache_read_tokens, 0) ELSE 0 END,
            e_cost = e_cost - CASE WHEN OLD.event_type = 'api_request' THEN COALESCE(OLD.cost_usd, 0) ELSE 0 END,
            prompts = prompts - (OLD.event_type = 'user_prompt'), tool_results = tool_results - (OLD.event_type = 'tool_result'),
            api_requests = api_requests - (OLD.event_type = 'api_request'), api_errors = api_errors - (OLD.event_type = 'api_error')
        WHERE session_id = OLD.session_id AND model = OLD.model AND quarter = (OLD.ts / 900000) * 900000;
    DELETE FROM usage_quarters WHERE session_id = OLD.session_id AND model = OLD.model
        AND quarter = (OLD.ts / 900000) * 900000 AND metric_rows = 0 AND event_rows = 0;
END;

-- The history already kept, summed once.
INSERT INTO usage_quarters (session_id, model, quarter, metric_rows, m_input, m_output, m_cache_creation, m_cache_read,
        m_cost, lines_added, lines_removed, commits, pull_requests, active_seconds, m_last)
SELECT session_id, model, (ts / 900000) * 900000, COUNT(*),
        SUM(CASE WHEN metric_type = 'token_usage' AND token_type = 'input' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'token_usage' AND token_type = 'output' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'token_usage' AND token_type = 'cacheCreation' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'token_usage' AND token_type = 'cacheRead' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'cost_usage' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'lines_of_code_count' AND lines_type = 'added' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'lines_of_code_count' AND lines_type = 'removed' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'commit_count' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'pull_request_count' THEN value ELSE 0 END),
        SUM(CASE WHEN metric_type = 'active_time_total' THEN value ELSE 0 END), MAX(ts)
FROM metrics GROUP BY 1, 2, 3;

INSERT INTO usage_quarters (session_id, model, quarter, event_rows, e_input, e_output, e_cache_creation, e_cache_read,
        e_cost, prompts, tool_results, api_requests, api_errors, e_last)
SELECT session_id, model, (ts / 900000) * 900000, COUNT(*),
        SUM(CASE WHEN event_type = 'api_request' THEN COALESCE(input_tokens, 0) ELSE 0 END),
        SUM(CASE WHEN event_type = 'api_request' THEN COALESCE(output_tokens, 0) ELSE 0 END),
        SUM(CASE WHEN event_type = 'api_request' THEN COALESCE(cache_creation_tokens, 0) ELSE 0 END),
        SUM(CASE WHEN event_type = 'api_request' THEN COALESCE(cache_read_tokens, 0) ELSE 0 END),
        SUM(CASE WHEN event_type = 'api_request' THEN COALESCE(cost_usd, 0) ELSE 0 END),
        SUM(event_type = 'user_prompt'), SUM(event_type = 'tool_result'), SUM(event_type = 'api_request'),
        SUM(event_type = 'api_error'), MAX(ts)
FROM events WHERE true GROUP BY 1, 2, 3
ON CONFLICT (session_id, model, quarter) DO UPDATE SET event_rows = excluded.event_rows, e_input = excluded.e_input,
        e_output = excluded.e_output, e_cache_creation = excluded.e_cache_creation, e_cache_read = excluded.e_cache_read,
        e_cost = excluded.e_cost, prompts = excluded.prompts, tool_results = excluded.tool_results,
        api_requests = excluded.api_requests, api_errors = excluded.api_errors, e_last = excluded.e_last;
