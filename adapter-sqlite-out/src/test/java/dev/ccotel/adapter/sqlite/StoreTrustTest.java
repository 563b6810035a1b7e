package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.ports.in.IngestResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults a daemon does not see by itself: its store deleted or replaced under it, a damaged
 * file, a second daemon on the same store, data left in the write-ahead log, a folder others can
 * enter. Each on a real file.
 */
class StoreTrustTest {
    @TempDir
    Path dir;

    private static ExportLogsServiceRequest prompt(String session, int sequence) {
        return Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(1_795_706_896_000_000_000L + sequence,
                Otlp.attrs("session.id", session, "event.name", "user_prompt", "event.sequence", sequence,
                        "prompt_length", 12))));
    }

    @Test
    void storeDeletedWhileOpen_nextExportIsRefused_notAcknowledgedIntoTheDeletedFile() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            assertInstanceOf(IngestResult.Success.class, h.send(Fixtures.pbLogs("write-file")));

            Files.delete(h.file);

            IngestResult.RetryLater refused = assertInstanceOf(IngestResult.RetryLater.class,
                    h.send(Fixtures.pbLogs("bash-tool")));
            assertTrue(refused.reason().contains(h.file + " was deleted"), refused.reason());
            assertTrue(refused.reason().contains("Restart the daemon"), refused.reason());
            assertInstanceOf(IngestResult.RetryLater.class, h.send(Fixtures.pbLogs("text-reply")), "and stays refused");
            assertTrue(h.store.unusable().isPresent());
        }
    }

    @Test
    void storeReplacedByAnotherFile_isRefusedToo() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        try (StoreHarness o = StoreHarness.open(other, false, SqliteStoreTest.CLOCK)) {
            o.send(Fixtures.pbLogs("text-reply"));
        }
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            assertInstanceOf(IngestResult.Success.class, h.send(Fixtures.pbLogs("write-file")));

            Files.move(other.resolve("ccotel.db"), h.file, StandardCopyOption.REPLACE_EXISTING);

            IngestResult.RetryLater refused = assertInstanceOf(IngestResult.RetryLater.class,
                    h.send(Fixtures.pbLogs("bash-tool")));
            assertTrue(refused.reason().contains("was replaced by another file"), refused.reason());
        }
    }

    @Test
    void secondStoreOnTheSameFile_isRefusedNamingTheHolder_andOpensOnceTheFirstCloses() throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (SqliteStore first = SqliteStore.open(StoreConfig.at(file, true), SqliteStoreTest.CLOCK)) {
            first.holderIs("OTLP/gRPC 127.0.0.1:4317, OTLP/HTTP 127.0.0.1:4318");

            StoreInUseException e = assertThrows(StoreInUseException.class,
                    () -> SqliteStore.open(StoreConfig.at(file, true), SqliteStoreTest.CLOCK));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()
                    + ", OTLP/gRPC 127.0.0.1:4317, OTLP/HTTP 127.0.0.1:4318"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertThrows(StoreInUseException.class, () -> StoreMaintenance.requireNoDaemon(file));
        }
        StoreMaintenance.requireNoDaemon(file); // released at close
        try (SqliteStore again = SqliteStore.open(StoreConfig.at(file, true), SqliteStoreTest.CLOCK)) {
            assertTrue(again.unusable().isEmpty());
        }
    }

    @Test
    void cleanClose_leavesEverythingInTheFileItself_soCopyingItAloneCopiesTheStore() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
            h.send(Fixtures.pbMetrics("write-file"));
        }
        Path wal = dir.resolve("ccotel.db-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "the write-ahead log is folded back at close");
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("ccotel.db");
        Files.copy(dir.resolve("ccotel.db"), copy);
        assertEquals(1, StoreHarness.query(copy, "SELECT COUNT(*) FROM sessions"));
        assertEquals(3, StoreHarness.query(copy, "SELECT lines_added FROM sessions"));
    }

    @Test
    void backup_whileTheStoreIsOpen_holdsEveryCommittedRow_andNeverOverwrites() throws Exception {
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            h.send(Fixtures.pbLogs("write-file"));
            h.send(Fixtures.pbMetrics("write-file"));
            Path target = dir.resolve("backup.db");

            StoreMaintenance.backup(h.file, target);

            assertEquals(h.count("SELECT COUNT(*) FROM events"), StoreHarness.query(target, "SELECT COUNT(*) FROM events"));
            assertEquals(3, StoreHarness.query(target, "SELECT lines_added FROM sessions"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
            StoreException again = assertThrows(StoreException.class, () -> StoreMaintenance.backup(h.file, target));
            assertTrue(again.getMessage().contains("exists already"), again.getMessage());
        }
    }

    private static final int SESSIONS = 400;

    /** A store of {@link #SESSIONS} sessions with 16 KiB of garbage written over its middle, as the issue did. */
    private Path damagedStore() throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (StoreHarness h = StoreHarness.open(dir, false, SqliteStoreTest.CLOCK)) {
            for (int i = 0; i < SESSIONS; i++) {
                assertInstanceOf(IngestResult.Success.class, h.send(prompt("damage-" + i, i)));
            }
        }
        assertTrue(StoreMaintenance.check(file).isEmpty(), "sound before the damage");
        long size = Files.size(file);
        assertTrue(size > 64 * 1024, "big enough to damage in the middle: " + size);
        byte[] garbage = new byte[16 * 1024];
        new Random(42).nextBytes(garbage);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(size / 2 / 4096 * 4096);
            raf.write(garbage);
        }
        return file;
    }

    @Test
    void damagedFile_isRefusedAtOpen_checkNamesTheDamage_recoverKeepsWhatCanBeRead() throws Exception {
        Path file = damagedStore();
        int sessions = SESSIONS;

        StoreException atOpen = assertThrows(StoreException.class,
                () -> SqliteStore.open(StoreConfig.at(file, false), SqliteStoreTest.CLOCK));
        assertInstanceOf(StoreDamagedException.class, atOpen, atOpen.getMessage());
        assertTrue(atOpen.getMessage().contains(file + " is damaged"), atOpen.getMessage());
        assertTrue(atOpen.getMessage().contains("ccotel store recover"), atOpen.getMessage());
        assertFalse(StoreMaintenance.check(file).isEmpty(), "the check names the damage");

        StoreMaintenance.Recovery recovery = StoreMaintenance.recover(file, SqliteStoreTest.CLOCK);

        assertTrue(Files.exists(recovery.movedAside()), "the damaged file is kept aside: " + recovery);
        assertTrue(StoreMaintenance.check(file).isEmpty(), "the new store is sound");
        long kept = StoreHarness.query(file, "SELECT COUNT(*) FROM sessions");
        assertTrue(kept > 0 && kept <= sessions, "kept " + kept + " of " + sessions + ": " + recovery);
        assertEquals(kept, (long) recovery.kept().get("sessions"));
        try (SqliteStore reopened = SqliteStore.open(StoreConfig.at(file, false), SqliteStoreTest.CLOCK)) {
            assertTrue(reopened.unusable().isEmpty());
        }
        System.out.printf("[reliability] 16 KiB of garbage in a store of %d sessions: %s%n", sessions, recovery);
    }

    @Test
    void damagedLargeFile_isCheckedInTheBackground_thenNothingMoreIsAcknowledged() throws Exception {
        Path file = damagedStore();
        StoreConfig config = StoreConfig.at(file, false);
        try (StoreHarness h = new StoreHarness(file, SqliteStore.open(config, SqliteStoreTest.CLOCK, 1024),
                SqliteStoreTest.CLOCK)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (h.store.unusable().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(h.store.unusable().isPresent(), "the background check found the damage");
            IngestResult.RetryLater refused = assertInstanceOf(IngestResult.RetryLater.class,
                    h.send(Fixtures.pbLogs("text-reply")));
            assertTrue(refused.reason().contains(file + " is damaged"), refused.reason());
        }
    }

    @Test
    void recover_refusesWhileADaemonHoldsTheStore() throws Exception {
        Path file = dir.resolve("ccotel.db");
        try (SqliteStore held = SqliteStore.open(StoreConfig.at(file, false), SqliteStoreTest.CLOCK)) {
            assertThrows(StoreInUseException.class, () -> StoreMaintenance.recover(file, SqliteStoreTest.CLOCK));
            assertTrue(Files.exists(file), "nothing was moved");
        }
    }

    @Test
    void storeFolderOthersCanEnter_isSaid_privateOneIsNot() throws Exception {
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

        String warning = StoreFolder.warningFor(open.resolve("ccotel.db"));
        assertTrue(warning != null && warning.contains("rwxr-xr-x") && warning.contains("chmod 700 " + open), warning);
        assertNull(StoreFolder.warningFor(closed.resolve("ccotel.db")));
    }
}
