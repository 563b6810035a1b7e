package dev.ccotel.adapter.shellenv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write cycles on one rc file across processes and threads. The lock sits on a separate
 * file because the rc file itself is replaced by a rename, and a lock on a replaced inode protects nothing. That
 * file lives in ccotel's own state folder ({@link ShellLocations#lockFolder()}), named after the rc file's path,
 * so that nothing but the block is ever added among the user's dotfiles.
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

    private final ShellLocations locations;

    FileLocks(ShellLocations locations) {
        this.locations = locations;
    }

    /** {@code <16 hex digits of the path's SHA-256>-<file name>.lock}: one per rc file, recognisable by a person. */
    Path lockFileOf(Path target) throws IOException {
        return locations.lockFolder().resolve(nameOf(target) + ".lock");
    }

    /** {@code <16 hex digits of the path's SHA-256>-<file name>}, for files ccotel keeps about {@code target}. */
    static String nameOf(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        byte[] digest = sha256().digest(absolute.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8) + "-" + absolute.getFileName();
    }

    Held lock(Path target) throws IOException {
        Path lockFile = lockFileOf(target);
        createPrivateFolder(lockFile.getParent());
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

    /** The folder names the user's rc files, so only the user may list it. */
    static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
