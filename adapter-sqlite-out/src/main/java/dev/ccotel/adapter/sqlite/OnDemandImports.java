package dev.ccotel.adapter.sqlite;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.ports.out.KeepImportsPort;
import dev.ccotel.ports.out.ReadTranscriptsPort.TranscriptFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's side of {@code ccotel import} run by hand: what was read before is looked up over a
 * read-only connection, and the store is opened for writing (lock, migration, check) only when there
 * is something to keep. An import over unchanged files, the usual case, then costs a file listing
 * and one query rather than a store's whole opening.
 */
public final class OnDemandImports implements KeepImportsPort, AutoCloseable {
    private final StoreConfig config;
    private final Clock clock;
    private SqliteStore store;

    OnDemandImports(StoreConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<String, TranscriptFile> readBefore() {
        if (store != null) {
            return store.imports().readBefore();
        }
        if (!java.nio.file.Files.isRegularFile(config.path())) {
            return Map.of();
        }
        try (Connection c = Database.openReadOnly(config.path())) {
            Map<String, TranscriptFile> out = new HashMap<>();
            if (Database.userVersion(c) < SchemaMigrations.IMPORTS) {
                return out; // not migrated yet: nothing was imported into it
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT path, session_id, sub_agent, size, modified FROM transcript_files");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new TranscriptFile(rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
                            rs.getLong(4), rs.getLong(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + config.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> estimatedWithOtherPrices(String pricesAsOf) {
        if (store != null) {
            return store.imports().estimatedWithOtherPrices(pricesAsOf);
        }
        if (!java.nio.file.Files.isRegularFile(config.path())) {
            return Set.of();
        }
        try (Connection c = Database.openReadOnly(config.path())) {
            return Database.userVersion(c) < SchemaMigrations.IMPORTS ? Set.of()
                    : SqliteImports.estimatedWithOtherPrices(c, pricesAsOf);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + config.path() + ": " + e.getMessage(), e);
        }
    }

    /** @throws StoreInUseException when a daemon took the store since the import began */
    @Override
    public void keep(List<ImportedSession> sessions, List<TranscriptFile> files, String pricesAsOf) {
        if (store == null) {
            store = SqliteStore.open(config, clock);
        }
        store.imports().keep(sessions, files, pricesAsOf);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
