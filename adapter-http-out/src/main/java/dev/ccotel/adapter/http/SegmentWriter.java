package dev.ccotel.adapter.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Appends frames to the newest segment and starts a new one when it is full. Not thread-safe. */
final class SegmentWriter {
    private static final System.Logger LOG = System.getLogger(SegmentWriter.class.getName());

    private final SpoolDirectory dir;
    private final long segmentBytes;
    private long nextSegment;
    private FileChannel channel;
    private long segment;
    private long size;

    /** @param nextSegment the first number to use; it only grows, so a new segment never reuses an old name */
    SegmentWriter(SpoolDirectory dir, long segmentBytes, long nextSegment) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.nextSegment = nextSegment;
    }

    /** Writes one record and fsyncs it; returns where it landed. */
    SpoolStore.Entry write(byte[] json, int itemCount, long createdMillis) throws IOException {
        long frameBytes = SpoolFrame.HEADER_BYTES + (long) json.length;
        try {
            if (channel == null || size > 0 && size + frameBytes > segmentBytes) {
                roll();
            }
            ByteBuffer buffer = SpoolFrame.encode(json, itemCount, createdMillis);
            while (buffer.hasRemaining()) {
                channel.write(buffer, size + buffer.position());
            }
            channel.force(false);
        } catch (IOException e) {
            close(); // the next record starts a fresh segment, clear of a half-written frame
            throw e;
        }
        SpoolStore.Entry entry = new SpoolStore.Entry(segment, new SpoolFrame.Frame(size, json.length, itemCount,
                createdMillis));
        size += frameBytes;
        return entry;
    }

    private void roll() throws IOException {
        close();
        segment = nextSegment++;
        channel = dir.create(segment);
        size = 0;
    }

    /** Closes the current segment; the next write opens a new one. */
    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a spool segment failed", e);
            }
            channel = null;
        }
    }
}
