package dev.ccotel.adapter.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far the drainer got: the segment and offset of the next record to send. Written by atomic
 * rename and without fsync: a cursor lost in a crash only makes the drainer send a few records
 * again, which is harmless because their ids are deterministic and the backend de-duplicates.
 */
record SpoolCursor(long segment, long offset) {
    static final SpoolCursor START = new SpoolCursor(0, 0);
    private static final String FILE = "cursor";

    boolean isBefore(long segment, long offset) {
        return this.segment < segment || this.segment == segment && this.offset <= offset;
    }

    /** The saved cursor; the start when there is none or it is unreadable (re-sending beats losing). */
    static SpoolCursor read(Path dir) {
        try {
            String[] parts = Files.readString(dir.resolve(FILE), StandardCharsets.US_ASCII).strip().split(" ");
            return new SpoolCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            return START;
        }
    }

    void write(Path dir) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel channel = PrivateFiles.createNew(tmp)) {
            channel.write(ByteBuffer.wrap((segment + " " + offset + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
