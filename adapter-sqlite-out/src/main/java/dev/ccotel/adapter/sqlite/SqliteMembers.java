package dev.ccotel.adapter.sqlite;

import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.ManageMembersPort;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code members} table of a hub kept in SQLite (schema-5.sql): names, token hashes, and when a
 * member was removed (their sessions stay theirs). Reads go through the reading connection, so that
 * checking a request's token never waits for an export's commit.
 */
final class SqliteMembers implements ManageMembersPort {
    private final Database db;

    SqliteMembers(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Member> add(String name, String tokenSha256, Instant at) {
        try {
            return db.inTransaction(c -> {
                // Ignored when the name is a current member's, or (never in practice) the hash is taken.
                PreparedStatement ps = db.prepared(c, "INSERT OR IGNORE INTO members (name, token_sha256, added_at)"
                        + " VALUES (?, ?, ?)");
                ps.setString(1, name);
                ps.setString(2, tokenSha256);
                ps.setLong(3, at.toEpochMilli());
                if (ps.executeUpdate() == 0) {
                    return Optional.<Member>empty();
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                    rs.next();
                    return Optional.of(new Member(rs.getLong(1), name, at));
                }
            });
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<Member> list() {
        try {
            return db.read(c -> {
                List<Member> out = new ArrayList<>();
                try (ResultSet rs = db.prepared(c, "SELECT id, name, added_at FROM members WHERE removed_at IS NULL"
                        + " ORDER BY name").executeQuery()) {
                    while (rs.next()) {
                        out.add(member(rs));
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean remove(String name, Instant at) {
        try {
            return db.inTransaction(c -> {
                PreparedStatement ps = db.prepared(c, "UPDATE members SET removed_at = ? WHERE name = ?"
                        + " AND removed_at IS NULL");
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, name);
                return ps.executeUpdate() > 0;
            });
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<Member> byTokenHash(String tokenSha256) {
        try {
            return db.read(c -> {
                PreparedStatement ps = db.prepared(c, "SELECT id, name, added_at FROM members WHERE token_sha256 = ?"
                        + " AND removed_at IS NULL");
                ps.setString(1, tokenSha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(member(rs)) : Optional.<Member>empty();
                }
            });
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the hub's store " + db.path() + ": " + e.getMessage(), e);
    }
}
