-- Version 7: each session's first prompt, found without reading every event. The sessions report and the
-- dashboard's sessions show the first words a session was asked; finding them read the whole events table
-- through events_by_time (190,000 rows for a year of 20,000 sessions, 50 ms and more on every report).
-- This index holds the prompts whose text is kept only (none where privacy.prompts is off), in each
-- session's order.
CREATE INDEX events_first_prompts ON events (session_id, ts) WHERE event_type = 'user_prompt' AND prompt IS NOT NULL;
