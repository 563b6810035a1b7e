package dev.ccotel.adapter.postgres;

import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.ManageMembersPort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code members} table: names, token hashes, and when a member was removed (their rows stay). */
final class PgMembers implements ManageMembersPort {
    private final DataSource pool;

    PgMembers(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Optional<Member> add(String name, String tokenSha256, Instant at) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO members"
                + " (name, token_sha256, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id")) {
            ps.setString(1, name);
            ps.setString(2, tokenSha256);
            ps.setLong(3, at.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Member(rs.getLong(1), name, at)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public List<Member> list() {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, added_at FROM members WHERE removed_at IS NULL ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            List<Member> out = new ArrayList<>();
            while (rs.next()) {
                out.add(member(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean remove(String name, Instant at) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE members SET removed_at = ? WHERE name = ? AND removed_at IS NULL")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Optional<Member> byTokenHash(String tokenSha256) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, added_at FROM members WHERE token_sha256 = ? AND removed_at IS NULL")) {
            ps.setString(1, tokenSha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(member(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Member member(ResultSet rs) throws SQLException {
        return new Member(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the hub's database: " + PostgresStore.rootMessage(e), e);
    }
}
