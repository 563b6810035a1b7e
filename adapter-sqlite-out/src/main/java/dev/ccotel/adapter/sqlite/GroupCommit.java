package dev.ccotel.adapter.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exports kept at the same moment share one transaction and so one fsync, each inside its own
 * savepoint, so one export's failure undoes only that export. This is what lets
 * {@code synchronous=FULL} keep up with concurrent exporters. Apart from {@link Database} so that
 * the batching can be read (and replaced) without the connection handling around it.
 */
final class GroupCommit {
    /** What the database checks and learns around a shared transaction. */
    interface Guard {
        /** Throws when nothing more may be committed (the file left its path, say). */
        void beforeCommit() throws SQLException;

        /** Told of every failure, so that a damaged file stops taking commits. */
        void failed(Exception e);
    }

    private final KeptStatements writer;
    /** The database's write lock: the thread holding it runs everything waiting. */
    private final ReentrantLock lock;
    private final Guard guard;
    /** Work handed in by {@link #run} and not yet run; the thread holding {@link #lock} runs it all. */
    private final ConcurrentLinkedQueue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();
    private volatile long commits;

    GroupCommit(KeptStatements writer, ReentrantLock lock, Guard guard) {
        this.writer = writer;
        this.lock = lock;
        this.guard = guard;
    }

    /**
     * Runs {@code work} in a transaction it may share with work other threads hand in at the same
     * moment: the thread that gets the write lock runs everything waiting, each piece in its own
     * savepoint, and commits once. Returns once {@code work} is committed; throws what {@code work}
     * threw, or what failed the shared transaction (its begin or commit, or a failure after which
     * SQLite ended the transaction itself, as it does when the disk is full), in which case none
     * of the group is kept.
     */
    <T> T run(Database.Work<T> work) throws SQLException {
        Pending<T> mine = new Pending<>(work);
        waiting.add(mine);
        lock.lock();
        try {
            if (!mine.done) {
                runWaiting();
            }
        } finally {
            lock.unlock();
        }
        return mine.outcome();
    }

    /** How many shared transactions committed so far (each one fsync). */
    long commits() {
        return commits;
    }

    /** Runs, with the write lock held, every piece of work waiting, in one transaction. */
    private void runWaiting() {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> p; (p = waiting.poll()) != null; ) {
            group.add(p);
        }
        Connection connection = writer.connection();
        Exception groupFailure = null;
        try (Statement control = connection.createStatement()) {
            writer.control("BEGIN IMMEDIATE");
            for (Pending<?> p : group) {
                if (groupFailure != null) {
                    break;
                }
                writer.control("SAVEPOINT export");
                try {
                    p.run(connection);
                    writer.control("RELEASE export");
                } catch (SQLException | RuntimeException e) {
                    p.failure = e;
                    guard.failed(e);
                    writer.forget();
                    groupFailure = undo(control, e);
                }
            }
            if (groupFailure == null) {
                guard.beforeCommit();
                writer.control("COMMIT");
                commits++;
            } else {
                guard.failed(groupFailure);
                Database.rollBack(control);
            }
        } catch (SQLException | RuntimeException e) {
            groupFailure = e;
            guard.failed(e);
            writer.forget();
            rollBackQuietly(connection);
        }
        for (Pending<?> p : group) {
            if (groupFailure != null && p.failure == null) {
                p.failure = groupFailure;
            }
            p.done = true;
        }
    }

    /** Undoes one piece of work; returns {@code cause} when that is impossible because SQLite ended the whole transaction. */
    private static Exception undo(Statement control, Exception cause) {
        try {
            control.execute("ROLLBACK TO export");
            control.execute("RELEASE export");
            return null;
        } catch (SQLException transactionGone) {
            return cause;
        }
    }

    private static void rollBackQuietly(Connection connection) {
        try (Statement control = connection.createStatement()) {
            Database.rollBack(control);
        } catch (SQLException closed) {
            // the connection is unusable; the next transaction says so
        }
    }

    /** One piece of work for a shared transaction, and what came of it; read and written under the write lock. */
    private static final class Pending<T> {
        private final Database.Work<T> work;
        private T result;
        private Exception failure;
        private boolean done;

        Pending(Database.Work<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            result = work.run(c);
        }

        T outcome() throws SQLException {
            if (failure instanceof SQLException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            return result;
        }
    }
}
