package dev.ccotel.adapter.http;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One spooled request on disk: a 24-byte header (magic, payload length, item count, creation
 * time, CRC32C) and the JSON payload. The magic starts with 0xFF, a byte that never occurs in
 * UTF-8 JSON, so after a damaged frame the scan can find the next frame by searching for it; the
 * CRC makes a false start impossible in practice.
 */
final class SpoolFrame {
    static final int HEADER_BYTES = 24;
    private static final int MAGIC = 0xFF435331; // 0xFF 'C' 'S' '1'

    /** Where a frame sits in its segment and what its header says. */
    record Frame(long offset, int length, int itemCount, long createdMillis) {
        long frameBytes() {
            return HEADER_BYTES + (long) length;
        }
    }

    /** The frames found in a segment and how many damaged bytes were skipped between or after them. */
    record Scan(List<Frame> frames, long skippedBytes) {}

    private SpoolFrame() {}

    static ByteBuffer encode(byte[] payload, int itemCount, long createdMillis) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buffer.putInt(MAGIC).putInt(payload.length).putInt(itemCount).putLong(createdMillis)
                .putInt(crc(payload.length, itemCount, createdMillis, payload, 0));
        return buffer.put(payload).flip();
    }

    /** Every intact frame of a segment, in order; damaged stretches are skipped, never fatal. */
    static Scan scan(byte[] data) {
        List<Frame> frames = new ArrayList<>();
        long skipped = 0;
        int pos = 0;
        while (pos < data.length) {
            Frame frame = frameAt(data, pos);
            if (frame != null) {
                frames.add(frame);
                pos += (int) frame.frameBytes();
                continue;
            }
            int next = pos + 1;
            while (next < data.length && data[next] != (byte) 0xFF) {
                next++;
            }
            skipped += next - pos;
            pos = next;
        }
        return new Scan(frames, skipped);
    }

    /** The payload of {@code frameBytes} (header and payload), or null if it is not that intact frame. */
    static byte[] payload(byte[] frameBytes, Frame expected) {
        Frame frame = frameAt(frameBytes, 0);
        if (frame == null || frame.length() != expected.length() || frame.itemCount() != expected.itemCount()) {
            return null;
        }
        byte[] payload = new byte[frame.length()];
        System.arraycopy(frameBytes, HEADER_BYTES, payload, 0, payload.length);
        return payload;
    }

    private static Frame frameAt(byte[] data, int pos) {
        if (data.length - pos < HEADER_BYTES) {
            return null;
        }
        ByteBuffer header = ByteBuffer.wrap(data, pos, HEADER_BYTES);
        int magic = header.getInt();
        int length = header.getInt();
        int items = header.getInt();
        long created = header.getLong();
        int crc = header.getInt();
        if (magic != MAGIC || length < 0 || items < 0 || length > data.length - pos - HEADER_BYTES) {
            return null;
        }
        if (crc != crc(length, items, created, data, pos + HEADER_BYTES)) {
            return null;
        }
        return new Frame(pos, length, items, created);
    }

    private static int crc(int length, int items, long created, byte[] data, int payloadOffset) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(16).putInt(length).putInt(items).putLong(created).flip());
        crc.update(data, payloadOffset, length);
        return (int) crc.getValue();
    }
}
