-- Version 2: the store keeps what is forwarded, so that it is the complete record without a backend:
-- a rejected tool is told from an accepted one, a resume from a fresh start, an API error's text is
-- there. Content (prompt text, tool input) is kept only where the user let it through, as for the
-- backend; the other attributes Claude Code sent are one JSON object per event.

ALTER TABLE events ADD COLUMN sequence INTEGER;
ALTER TABLE events ADD COLUMN prompt_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN attempt INTEGER;
ALTER TABLE events ADD COLUMN prompt_length INTEGER;
ALTER TABLE events ADD COLUMN tool_input_size_bytes INTEGER;
-- only with privacy.forward-prompts / privacy.forward-tool-input
ALTER TABLE events ADD COLUMN prompt TEXT;
ALTER TABLE events ADD COLUMN tool_parameters TEXT;
-- every other attribute, as sent: {"request_id": "req_...", "ttft_ms": "812", ...}
ALTER TABLE events ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';

ALTER TABLE metrics ADD COLUMN tool TEXT NOT NULL DEFAULT '';
ALTER TABLE metrics ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE metrics ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE metrics ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE metrics ADD COLUMN start_type TEXT NOT NULL DEFAULT '';
