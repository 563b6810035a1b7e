package dev.ccotel.adapter.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The spool's folder: numbered append-only segment files and a lock, so that two daemons never
 * write into one spool. Knows file names and bytes, nothing about what is pending.
 */
final class SpoolDirectory implements AutoCloseable {
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{1,18})\\.spool");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SpoolDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static SpoolDirectory open(Path dir) throws IOException {
        PrivateFiles.createDirectories(dir);
        Path lockFile = dir.resolve("lock");
        FileChannel channel = Files.exists(lockFile)
                ? FileChannel.open(lockFile, StandardOpenOption.WRITE)
                : PrivateFiles.createNew(lockFile);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another ccotel daemon is using the spool in " + dir);
        }
        return new SpoolDirectory(dir, channel, lock);
    }

    Path path() {
        return dir;
    }

    Path segment(long number) {
        return dir.resolve("segment-%016d.spool".formatted(number));
    }

    /** The segment files present, by number, oldest first. */
    TreeMap<Long, Path> segments() throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher m = SEGMENT.matcher(file.getFileName().toString());
                if (m.matches()) {
                    segments.put(Long.parseLong(m.group(1)), file);
                }
            });
        }
        return segments;
    }

    /** A new segment; its directory entry is made durable before anything is acknowledged from it. */
    FileChannel create(long number) throws IOException {
        FileChannel channel = PrivateFiles.createNew(segment(number));
        PrivateFiles.syncDirectory(dir);
        return channel;
    }

    /** The intact payload of one frame, or empty when it is damaged or unreadable. */
    Optional<byte[]> read(long number, SpoolFrame.Frame frame) {
        try (FileChannel channel = FileChannel.open(segment(number), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) frame.frameBytes());
            while (buffer.hasRemaining() && channel.read(buffer, frame.offset() + buffer.position()) >= 0) {
                // a positional read may return fewer bytes; loop until full or end of file
            }
            return Optional.ofNullable(buffer.hasRemaining() ? null : SpoolFrame.payload(buffer.array(), frame));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void delete(long number) throws IOException {
        Files.deleteIfExists(segment(number));
    }

    @Override
    public void close() throws IOException {
        try (lockChannel) {
            lock.release();
        }
    }
}
