package dev.ccotel.adapter.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One writer per store: an exclusive lock on {@code <store>.lock}, held while the store is open.
 * Two daemons on one store would both forward the same outbox (every request sent twice) and fight
 * over each session's state. The lock file says who holds it (pid, then the listeners once they
 * are bound), so the second daemon can name the first. The operating system drops the lock when
 * the process ends, kill -9 included, so a stale file never blocks a start.
 */
final class StoreLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path fileFor(Path store) {
        return store.resolveSibling(store.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code store}, or throws {@link StoreInUseException} naming the holder.
     *
     * @throws IOException when the lock file cannot be created or locked for another reason
     */
    static StoreLock acquire(Path store) throws IOException {
        Path file = fileFor(store);
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), privateFile());
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null; // another store object of this JVM holds it: the same conflict
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new StoreInUseException(store, holder);
        }
        StoreLock held = new StoreLock(file, channel, lock);
        held.describe("pid " + ProcessHandle.current().pid());
        return held;
    }

    /** Writes who holds the lock, e.g. "pid 4242, OTLP/gRPC 127.0.0.1:4317, OTLP/HTTP 127.0.0.1:4318". */
    void describe(String holder) throws IOException {
        byte[] bytes = (holder + "\n").getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(bytes), 0);
        channel.force(false);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            int n = channel.read(buffer, 0);
            String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "a process that has not said who it is yet" : text;
        } catch (IOException e) {
            return "a process whose lock file cannot be read (" + e.getMessage() + ")";
        }
    }

    private static FileAttribute<?>[] privateFile() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** Releases the lock; the file stays (removing it would race with a daemon that just opened it). */
    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }

    Path file() {
        return file;
    }
}
