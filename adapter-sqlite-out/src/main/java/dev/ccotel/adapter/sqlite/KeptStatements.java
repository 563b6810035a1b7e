package dev.ccotel.adapter.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Statements compiled once on one connection and kept until it closes: SQLite's compiling a
 * statement cost about as much as running it (docs/PERFORMANCE.md). Used under the lock of their
 * connection, like the connection itself, so not thread-safe on their own.
 */
final class KeptStatements {
    private final Connection connection;
    private final Map<String, PreparedStatement> kept = new HashMap<>();

    KeptStatements(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /**
     * {@code sql} prepared on this connection: compiled on its first use and kept. Callers set its
     * parameters and close its result sets, never the statement. Any failure of a piece of work
     * drops them all ({@link #forget}), so a statement handed out never carries a batch that a
     * failed piece left half built.
     */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = kept.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            kept.put(sql, statement);
        }
        return statement;
    }

    /** Runs a statement without parameters or rows (BEGIN, COMMIT, a PRAGMA) from the kept ones. */
    void control(String sql) throws SQLException {
        try {
            prepared(sql).execute();
        } catch (SQLException | RuntimeException e) {
            forget();
            throw e;
        }
    }

    /**
     * Drops the kept statements: after a failure (the disk filling up, say) the driver may have
     * finalized one of them without marking it closed, and using it again would fail every later
     * export. Also what close needs: SQLite cannot close a connection with unfinalized statements.
     */
    void forget() {
        for (PreparedStatement statement : kept.values()) {
            try {
                statement.close();
            } catch (SQLException alreadyGone) {
                // finalized by the driver already
            }
        }
        kept.clear();
    }
}
