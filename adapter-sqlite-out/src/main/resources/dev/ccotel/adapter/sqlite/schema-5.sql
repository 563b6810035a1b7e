-- Version 5: the members of a one-person (or small) hub kept in SQLite (`ccotel hub` without
-- hub.database.url), in the shape of the hub's PostgreSQL store (adapter-postgres-out's V1__hub.sql),
-- so that both answer the same queries. A daemon's store gets the table empty and member_id NULL:
-- the daemon's own sessions have no member. Only the SHA-256 of a token is kept; a removed member's
-- sessions stay theirs.

CREATE TABLE members (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    added_at     INTEGER NOT NULL,
    removed_at   INTEGER
);
CREATE UNIQUE INDEX members_current_name ON members (name) WHERE removed_at IS NULL;

-- The member whose token brought the session first (the machine is the session's host, as in a daemon's store).
ALTER TABLE sessions ADD COLUMN member_id INTEGER REFERENCES members (id);
CREATE INDEX sessions_by_member ON sessions (member_id);
