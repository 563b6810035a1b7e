package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.out.ReadTranscriptsPort.TranscriptFile;
import dev.ccotel.ports.out.UsageSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imported sessions in the store: kept whole, replaced whole, read by reports beside telemetry, pruned with it. */
class SqliteImportsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant AT = Instant.parse("2026-12-07T07:59:15Z");

    @TempDir
    Path dir;

    private static ImportedSession session(String id, CostSource source, double cost) {
        return new ImportedSession(id, new ImportedSession.Place("/work/p", "main", "2.1.332"), AT, AT.plusSeconds(60),
                source, true, List.of(
                        new ImportedSession.Slice(Instant.parse("2026-12-07T07:45:00Z"), "claude-sonnet-4-5",
                                new Usage.Tokens(2400, 174, 100, 600), cost, 0, 2),
                        new ImportedSession.Slice(Instant.parse("2026-12-07T07:45:00Z"), "", Usage.Tokens.ZERO, 0, 1, 0)),
                new Usage.CodeChanges(3, 0, 0, 0));
    }

    private static final TranscriptFile FILE = new TranscriptFile("/h/.claude/projects/p/s1.jsonl", "s1", false, 10, 20);

    @Test
    void keptTwice_isKeptOnce_andReportsReadItAsItsSource() throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, false), CLOCK)) {
            store.imports().keep(List.of(session("s1", CostSource.TRANSCRIPT, 0.010365)), List.of(FILE), "2026-05-17");
            store.imports().keep(List.of(session("s1", CostSource.TRANSCRIPT, 0.010365)), List.of(FILE), "2026-05-17");
            assertEquals(Map.of(FILE.path(), FILE), store.imports().readBefore());
        }
        assertEquals(2, StoreHarness.query(file, "SELECT COUNT(*) FROM imported_usage"));
        assertEquals(1, StoreHarness.query(file, "SELECT COUNT(*) FROM imported_sessions"));

        List<UsageSlice> slices = new SqliteUsageReader(file).slices(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                Optional.empty());
        assertEquals(2, slices.size());
        assertTrue(slices.stream().allMatch(s -> s.costSource() == CostSource.TRANSCRIPT && s.project().equals("/work/p")));
        assertEquals(0.010365, slices.stream().mapToDouble(s -> s.fromMetrics().costUsd()).sum(), 1e-12);
        assertEquals(3, slices.stream().mapToLong(s -> s.code().linesAdded()).sum(), "the session's lines once");
        assertEquals(Map.of(), new SqliteUsageReader(file).inBothSources(List.of("s1")), "no telemetry for it");
    }

    @Test
    void estimatesWithAnotherPriceList_areFound_toBePricedAgain() {
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(dir.resolve("ccotel.db"), false), CLOCK)) {
            store.imports().keep(List.of(session("old", CostSource.ESTIMATE, 1), session("own", CostSource.TRANSCRIPT, 1)),
                    List.of(), "2026-05-17");
            assertEquals(Set.of("old"), store.imports().estimatedWithOtherPrices("2026-12-08"));
            assertEquals(Set.of(), store.imports().estimatedWithOtherPrices("2026-05-17"));
        }
    }

    @Test
    void anImportThatFindsNothingNew_neverOpensTheStoreForWriting() {
        Path file = dir.resolve("ccotel.db");
        try (OnDemandImports imports = SqliteStore.importsOnDemand(StoreConfig.at(file, false), CLOCK)) {
            assertEquals(Map.of(), imports.readBefore());
            assertEquals(Set.of(), imports.estimatedWithOtherPrices("2026-05-17"));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void maxAge_prunesImportedHistory_butRemembersTheFilesRead() throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (SqliteStore store = SqliteStore.open(StoreConfig.at(file, false), CLOCK)) {
            store.imports().keep(List.of(session("s1", CostSource.TRANSCRIPT, 1)), List.of(FILE), "2026-05-17");
        }
        StoreConfig thirtyDays = new StoreConfig(file, Duration.ofDays(30), false, StoreConfig.DEFAULT_OUTBOX_MAX_BYTES,
                StoreConfig.DEFAULT_OUTBOX_MAX_AGE);
        try (SqliteStore store = SqliteStore.open(thirtyDays, Clock.offset(CLOCK, Duration.ofDays(400)))) {
            assertEquals(Map.of(FILE.path(), FILE), store.imports().readBefore(), "not imported again");
        }
        assertEquals(0, StoreHarness.query(file, "SELECT COUNT(*) FROM imported_usage"));
        assertEquals(0, StoreHarness.query(file, "SELECT COUNT(*) FROM imported_sessions"));
    }
}
