package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.ports.out.KeepImportsPort;
import dev.ccotel.ports.out.ReadTranscriptsPort.TranscriptFile;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sessions read from transcripts, in {@code imported_sessions} and {@code imported_usage}, and the
 * files they came from in {@code transcript_files} (schema-3.sql). A session read again replaces its
 * rows whole, so importing twice changes nothing.
 */
final class SqliteImports implements KeepImportsPort {
    private final Database db;
    private final Clock clock;

    SqliteImports(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Map<String, TranscriptFile> readBefore() {
        try {
            return db.read(c -> {
                Map<String, TranscriptFile> out = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT path, session_id, sub_agent, size, modified FROM transcript_files");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new TranscriptFile(rs.getString(1), rs.getString(2),
                                rs.getInt(3) != 0, rs.getLong(4), rs.getLong(5)));
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + db.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> estimatedWithOtherPrices(String pricesAsOf) {
        try {
            return db.read(c -> estimatedWithOtherPrices(c, pricesAsOf));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + db.path() + ": " + e.getMessage(), e);
        }
    }

    static Set<String> estimatedWithOtherPrices(java.sql.Connection c, String pricesAsOf) throws SQLException {
        Set<String> out = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id FROM imported_sessions"
                + " WHERE cost_source = 'estimate' AND prices_as_of <> ?")) {
            ps.setString(1, pricesAsOf);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public void keep(List<ImportedSession> sessions, List<TranscriptFile> files, String pricesAsOf) {
        long now = clock.millis();
        try {
            db.inTransaction(c -> {
                PreparedStatement forget = db.prepared(c, "DELETE FROM imported_usage WHERE session_id = ?");
                PreparedStatement session = db.prepared(c, "INSERT OR REPLACE INTO imported_sessions (session_id,"
                        + " project, git_branch, app_version, started_at, ended_at, cost_source, settled, cost_usd,"
                        + " prompts, lines_added, lines_removed, prices_as_of, imported_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement usage = db.prepared(c, "INSERT INTO imported_usage (session_id, quarter, model,"
                        + " input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost_usd, prompts,"
                        + " api_requests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                for (ImportedSession s : sessions) {
                    forget.setString(1, s.sessionId());
                    forget.addBatch();
                    int i = 1;
                    session.setString(i++, s.sessionId());
                    session.setString(i++, s.place().project());
                    session.setString(i++, s.place().gitBranch());
                    session.setString(i++, s.place().appVersion());
                    session.setLong(i++, s.start().toEpochMilli());
                    session.setLong(i++, s.end().toEpochMilli());
                    session.setString(i++, s.costSource().wireName());
                    session.setInt(i++, s.settled() ? 1 : 0);
                    session.setDouble(i++, s.costUsd());
                    session.setLong(i++, s.prompts());
                    session.setLong(i++, s.code().linesAdded());
                    session.setLong(i++, s.code().linesRemoved());
                    session.setString(i++, pricesAsOf);
                    session.setLong(i, now);
                    session.addBatch();
                    for (ImportedSession.Slice u : s.usage()) {
                        int j = 1;
                        usage.setString(j++, s.sessionId());
                        usage.setLong(j++, u.quarter().toEpochMilli());
                        usage.setString(j++, u.model());
                        usage.setLong(j++, u.tokens().input());
                        usage.setLong(j++, u.tokens().output());
                        usage.setLong(j++, u.tokens().cacheCreation());
                        usage.setLong(j++, u.tokens().cacheRead());
                        usage.setDouble(j++, u.costUsd());
                        usage.setLong(j++, u.prompts());
                        usage.setLong(j, u.apiRequests());
                        usage.addBatch();
                    }
                }
                forget.executeBatch();
                session.executeBatch();
                usage.executeBatch();
                PreparedStatement file = db.prepared(c, "INSERT OR REPLACE INTO transcript_files (path, session_id,"
                        + " sub_agent, size, modified, read_at) VALUES (?, ?, ?, ?, ?, ?)");
                for (TranscriptFile f : files) {
                    file.setString(1, f.path());
                    file.setString(2, f.sessionId());
                    file.setInt(3, f.subAgent() ? 1 : 0);
                    file.setLong(4, f.size());
                    file.setLong(5, f.modifiedMillis());
                    file.setLong(6, now);
                    file.addBatch();
                }
                file.executeBatch();
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep imported sessions in " + db.path() + ": " + e.getMessage(), e);
        }
    }
}
