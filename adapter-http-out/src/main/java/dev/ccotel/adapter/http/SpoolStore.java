package dev.ccotel.adapter.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The durable queue behind the spool: appends are fsync'ed before {@link #append} returns; the
 * oldest record is read back, and removed once the backend has answered for it. Only the index
 * (positions and sizes) is kept in memory.
 *
 * <p>Bounds: past {@code maxBytes} of pending records an append is refused (the caller answers
 * UNAVAILABLE, so the loss shows where it happens); records older than {@code maxAge} are dropped
 * from the head with a warning. Disk use can exceed {@code maxBytes} by about one segment, since
 * a segment is deleted only when everything in it has been answered for.
 */
final class SpoolStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpoolStore.class.getName());

    record Entry(long segment, SpoolFrame.Frame frame) {}

    record Record(Entry entry, byte[] json) {}

    private final SpoolDirectory dir;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final SegmentWriter writer;
    private final Deque<Entry> pending = new ArrayDeque<>();
    private final TreeSet<Long> segments;
    private long pendingBytes;

    private SpoolStore(SpoolDirectory dir, SpoolConfig config, Clock clock, SpoolRecovery recovered) {
        this.dir = dir;
        this.maxBytes = config.maxBytes();
        this.maxAge = config.maxAge();
        this.clock = clock;
        // Small enough that sent data is freed soon, large enough to keep the file count low.
        long segmentBytes = Math.clamp(config.maxBytes() / 16, 64L * 1024, 4L * 1024 * 1024);
        this.writer = new SegmentWriter(dir, segmentBytes, recovered.nextSegment());
        this.segments = recovered.segments();
        recovered.pending().forEach(this::addPending);
    }

    /** Opens the spool (one process per folder) and indexes what an earlier run left in it. */
    static SpoolStore open(SpoolConfig config, Clock clock) throws IOException {
        SpoolDirectory dir = SpoolDirectory.open(config.directory());
        try {
            SpoolStore store = new SpoolStore(dir, config, clock, SpoolRecovery.scan(dir));
            synchronized (store) {
                store.removeHead(0); // frees sent segments, or everything when nothing is pending
                if (!store.pending.isEmpty()) {
                    LOG.log(Level.INFO, "spool holds {0} request(s), {1} bytes, from an earlier run; sending"
                            + " them first", store.pending.size(), store.pendingBytes);
                }
            }
            return store;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** True when the request is durably stored; false when the spool is full or cannot be written. */
    synchronized boolean append(byte[] json, int itemCount) {
        if (pendingBytes + SpoolFrame.HEADER_BYTES + json.length > maxBytes) {
            return false;
        }
        try {
            Entry entry = writer.write(json, itemCount, clock.millis());
            segments.add(entry.segment());
            addPending(entry);
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write to the spool in {0}: {1}", dir.path(), e.toString());
            return false;
        }
    }

    /** The oldest intact record, dropping expired and damaged ones on the way (with a warning). */
    synchronized Optional<Record> oldest() {
        dropExpired();
        while (!pending.isEmpty()) {
            Entry head = pending.peekFirst();
            Optional<byte[]> json = dir.read(head.segment(), head.frame());
            if (json.isPresent()) {
                return Optional.of(new Record(head, json.get()));
            }
            LOG.log(Level.WARNING, "spooled request in {0} at offset {1} is damaged or unreadable; skipped,"
                    + " {2} item(s) lost", dir.segment(head.segment()), head.frame().offset(), head.frame().itemCount());
            removeHead(1);
        }
        return Optional.empty();
    }

    /** The backend has answered for this record (accepted or rejected it): never send it again. */
    synchronized void remove(Entry entry) {
        if (entry.equals(pending.peekFirst())) {
            removeHead(1);
        }
    }

    synchronized boolean isEmpty() {
        return pending.isEmpty();
    }

    synchronized long spooledBytes() {
        return pendingBytes;
    }

    synchronized long spooledRecords() {
        return pending.size();
    }

    private void dropExpired() {
        long cutoff = clock.millis() - maxAge.toMillis();
        int records = 0;
        long items = 0;
        for (Entry e : pending) {
            if (e.frame().createdMillis() >= cutoff) {
                break;
            }
            records++;
            items += e.frame().itemCount();
        }
        if (records > 0) {
            removeHead(records);
            LOG.log(Level.WARNING, "dropped {0} spooled request(s) older than delivery.spool.max-age ({1}):"
                    + " {2} item(s) lost", records, maxAge, items);
        }
    }

    /** Forgets the first {@code count} records, deletes segments left behind and saves the cursor. */
    private void removeHead(int count) {
        for (int i = 0; i < count; i++) {
            pendingBytes -= pending.removeFirst().frame().frameBytes();
        }
        Entry next = pending.peekFirst();
        try {
            if (next == null) {
                writer.close(); // empty: start over with a clean folder
            }
            long keepFrom = next == null ? Long.MAX_VALUE : next.segment();
            while (!segments.isEmpty() && segments.first() < keepFrom) {
                dir.delete(segments.pollFirst());
            }
            if (next == null) {
                SpoolCursor.delete(dir.path());
            } else {
                new SpoolCursor(next.segment(), next.frame().offset()).write(dir.path());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot update the spool in {0} ({1}); after a restart some requests may be"
                    + " sent twice", dir.path(), e.toString());
        }
    }

    private void addPending(Entry entry) {
        pending.addLast(entry);
        pendingBytes += entry.frame().frameBytes();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
        dir.close();
    }
}
