package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.ports.out.KeepSessionContextPort;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Session contexts in {@code session_context} and limit use in {@code rate_limits}. A context is
 * committed without its own fsync ({@link Database#inTransactionSyncedLater}): the next export's commit
 * makes it durable, and a power cut before then loses one statusline refresh, which the next one tells
 * again. What a context does not say (a hook has no model) leaves the kept value as it was.
 */
final class SqliteSessionContexts implements KeepSessionContextPort {
    private static final String UPSERT = "INSERT INTO session_context (session_id, first_seen, last_seen, project_dir,"
            + " cwd, repo, branch, worktree, pull_request, session_name, model, app_version, client_cost_usd,"
            + " client_lines_added, client_lines_removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (session_id) DO UPDATE SET last_seen = MAX(last_seen, excluded.last_seen),"
            + " project_dir = COALESCE(excluded.project_dir, project_dir), cwd = COALESCE(excluded.cwd, cwd),"
            + " repo = COALESCE(excluded.repo, repo), branch = COALESCE(excluded.branch, branch),"
            + " worktree = COALESCE(excluded.worktree, worktree),"
            + " pull_request = COALESCE(excluded.pull_request, pull_request),"
            + " session_name = COALESCE(excluded.session_name, session_name), model = COALESCE(excluded.model, model),"
            + " app_version = COALESCE(excluded.app_version, app_version),"
            + " client_cost_usd = COALESCE(excluded.client_cost_usd, client_cost_usd),"
            + " client_lines_added = COALESCE(excluded.client_lines_added, client_lines_added),"
            + " client_lines_removed = COALESCE(excluded.client_lines_removed, client_lines_removed)";
    /** A snapshot only when the window's last one says otherwise. */
    private static final String LIMIT = "INSERT OR IGNORE INTO rate_limits (ts, limit_window, used_percent, resets_at,"
            + " session_id) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM (SELECT used_percent, resets_at FROM"
            + " rate_limits WHERE limit_window = ? ORDER BY ts DESC LIMIT 1) AS last WHERE last.used_percent = ? AND"
            + " last.resets_at = ?)";

    private final Database db;

    SqliteSessionContexts(Database db) {
        this.db = db;
    }

    @Override
    public void keep(SessionContext context) {
        try {
            db.inTransactionSyncedLater(c -> {
                PreparedStatement ps = db.prepared(c, UPSERT);
                long at = context.seenAt().toEpochMilli();
                ps.setString(1, context.sessionId());
                ps.setLong(2, at);
                ps.setLong(3, at);
                text(ps, 4, context.projectDir());
                text(ps, 5, context.cwd());
                text(ps, 6, context.repo());
                text(ps, 7, context.branch());
                text(ps, 8, context.worktree());
                text(ps, 9, context.pullRequest());
                text(ps, 10, context.sessionName());
                text(ps, 11, context.model());
                text(ps, 12, context.appVersion());
                if (context.client().isPresent()) {
                    ps.setDouble(13, context.client().get().costUsd());
                    ps.setLong(14, context.client().get().linesAdded());
                    ps.setLong(15, context.client().get().linesRemoved());
                } else {
                    ps.setNull(13, Types.REAL);
                    ps.setNull(14, Types.INTEGER);
                    ps.setNull(15, Types.INTEGER);
                }
                ps.executeUpdate();
                PreparedStatement limit = db.prepared(c, LIMIT);
                for (SessionContext.RateLimit l : context.rateLimits()) {
                    limit.setLong(1, at);
                    limit.setString(2, l.window().id());
                    limit.setDouble(3, l.usedPercent());
                    limit.setLong(4, l.resetsAt().toEpochMilli());
                    limit.setString(5, context.sessionId());
                    limit.setString(6, l.window().id());
                    limit.setDouble(7, l.usedPercent());
                    limit.setLong(8, l.resetsAt().toEpochMilli());
                    limit.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep the session context in " + db.path() + ": " + e.getMessage(), e);
        }
    }

    private static void text(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    @Override
    public OptionalDouble telemetryCostUsd(String sessionId) {
        try {
            return db.read(c -> {
                PreparedStatement ps = db.prepared(c, "SELECT cost_usd FROM sessions WHERE session_id = ?");
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalDouble.of(rs.getDouble(1)) : OptionalDouble.empty();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read session " + sessionId + " from " + db.path() + ": "
                    + e.getMessage(), e);
        }
    }
}
