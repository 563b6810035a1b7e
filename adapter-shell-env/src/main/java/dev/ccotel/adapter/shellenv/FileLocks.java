package dev.ccotel.adapter.shellenv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write cycles on one rc file across processes and threads. The lock sits on a separate
 * file beside the rc file because the rc file itself is replaced by a rename, and a lock on a replaced inode
 * protects nothing.
 *
 * <p>The lock file stays (empty) after use. Deleting it would let a waiter end up holding a lock on an unlinked
 * file while a newcomer locks a fresh one; telling the two apart needs the inode of an open channel, which Java
 * does not expose, and reading the file back through a second descriptor would drop the lock (POSIX fcntl locks
 * are released when any descriptor of the file is closed) - the concurrency test caught exactly that.
 */
final class FileLocks {

    /** Held while a file is locked. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    // A FileLock belongs to the whole JVM (a second lock() from another thread throws), so threads queue here first.
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    static Path lockFileOf(Path target) {
        String name = target.getFileName().toString();
        return target.resolveSibling((name.startsWith(".") ? name : "." + name) + ".ccotel.lock");
    }

    Held lock(Path target) throws IOException {
        Path lockFile = lockFileOf(target.toAbsolutePath().normalize());
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(lockFile, key -> new ReentrantLock());
        threads.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock processes = channel.lock();
            FileChannel open = channel;
            return () -> {
                try (open) {
                    processes.release();
                } finally {
                    threads.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threads.unlock();
            throw e;
        }
    }
}
