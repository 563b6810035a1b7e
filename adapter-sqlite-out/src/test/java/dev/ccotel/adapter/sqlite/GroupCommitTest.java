package dev.ccotel.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports kept at the same moment share one commit; one that fails takes only itself back. */
class GroupCommitTest {
    @TempDir
    Path dir;

    private Database db;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir.resolve("ccotel.db"));
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v INTEGER PRIMARY KEY)");
            }
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        threads.shutdownNow();
        db.close();
    }

    @Test
    void workWaitingTogether_isCommittedOnce_andAFailingPieceUndoesOnlyItself() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = threads.submit(() -> db.inGroupTransaction(c -> {
            inside.countDown();
            await(release);
            return insert(c, 1);
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS), "the first piece runs");
        long commitsBefore = db.groupCommits();

        Future<Object> good = threads.submit(() -> db.inGroupTransaction(c -> insert(c, 2)));
        Future<Object> failing = threads.submit(() -> db.inGroupTransaction(c -> {
            insert(c, 99);
            throw new IllegalStateException("this export cannot be kept");
        }));
        Future<Object> alsoGood = threads.submit(() -> db.inGroupTransaction(c -> insert(c, 3)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.waitingWriters() < 3) {
            assertTrue(System.nanoTime() < deadline, "three pieces wait for the write lock: " + db.waitingWriters());
            Thread.sleep(1);
        }
        release.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertEquals(2, good.get(10, TimeUnit.SECONDS));
        assertEquals(3, alsoGood.get(10, TimeUnit.SECONDS));
        Exception failed = null;
        try {
            failing.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            failed = assertInstanceOf(IllegalStateException.class, e.getCause());
        }
        assertEquals("this export cannot be kept", failed == null ? null : failed.getMessage());
        assertEquals(List.of(1, 2, 3), values(), "the failing piece's row is undone, the others kept");
        assertEquals(commitsBefore + 2, db.groupCommits(),
                "the first commits alone; the three that waited for it share one commit");
    }

    @Test
    void manyThreadsAtOnce_everyPieceIsKept() throws Exception {
        List<Future<Object>> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int v = i;
            all.add(threads.submit(() -> db.inGroupTransaction(c -> insert(c, v))));
        }
        for (Future<Object> f : all) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(400, values().size());
        assertNull(db.read(c -> null), "the reading connection still works");
    }

    private static Object insert(java.sql.Connection c, int v) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
            ps.setInt(1, v);
            ps.executeUpdate();
        }
        return v;
    }

    private List<Integer> values() throws Exception {
        return db.read(c -> {
            List<Integer> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY v")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
