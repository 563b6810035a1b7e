package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.SessionState;
import dev.ccotel.ports.out.LoadSessionStatePort;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Session states from the table {@code session_states}: a restarted daemon continues each session
 * where the last one left it. A state that cannot be decoded (written by a build with another
 * format) is logged and the session starts afresh; a read error is thrown, so that the exporter is
 * told to retry rather than the session being counted from zero.
 */
final class SqliteSessionStates implements LoadSessionStatePort {
    private static final System.Logger LOG = System.getLogger(SqliteSessionStates.class.getName());

    private final Database db;
    private final Instant trustedSince;

    SqliteSessionStates(Database db, Instant trustedSince) {
        this.db = db;
        this.trustedSince = trustedSince;
    }

    @Override
    public Map<String, SessionState> load(Set<String> sessionIds) {
        try {
            return db.read(c -> {
                Map<String, SessionState> found = new HashMap<>();
                PreparedStatement ps = db.prepared(c, "SELECT state FROM session_states WHERE session_id = ?");
                for (String id : sessionIds) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            decode(id, rs.getBytes(1), found);
                        }
                    }
                }
                return found;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read session state from " + db.path() + ": " + e.getMessage(), e);
        }
    }

    private static void decode(String id, byte[] bytes, Map<String, SessionState> into) {
        try {
            into.put(id, SessionState.decode(bytes));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "the stored state of session {0} cannot be read ({1}); the session's totals start"
                    + " again from this export", id, e.getMessage());
        }
    }

    @Override
    public Instant trustedSince() {
        return trustedSince;
    }
}
