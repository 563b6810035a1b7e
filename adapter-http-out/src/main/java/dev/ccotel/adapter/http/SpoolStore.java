package dev.ccotel.adapter.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The durable queue behind the spool: appends go to the newest segment and are fsync'ed before
 * {@link #append} returns; the oldest record is read back, and removed once the backend has
 * answered for it. Only the index (positions and sizes) is kept in memory.
 *
 * <p>Bounds: past {@code maxBytes} of pending records an append is refused (the caller answers
 * UNAVAILABLE, so the loss is visible where it happens); records older than {@code maxAge} are
 * dropped from the head with a warning. Disk use can exceed {@code maxBytes} by one segment,
 * because a segment is deleted only when everything in it has been sent.
 */
final class SpoolStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpoolStore.class.getName());

    record Entry(long segment, SpoolFrame.Frame frame) {}

    record Record(Entry entry, byte[] json) {}

    private final SpoolDirectory dir;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final long segmentBytes;
    private final Deque<Entry> pending = new ArrayDeque<>();
    private final TreeSet<Long> segments = new TreeSet<>();
    private long pendingBytes;
    private long nextSegment;
    private FileChannel active;
    private long activeSegment;
    private long activeSize;

    private SpoolStore(SpoolDirectory dir, SpoolConfig config, Clock clock) {
        this.dir = dir;
        this.maxBytes = config.maxBytes();
        this.maxAge = config.maxAge();
        this.clock = clock;
        // Small enough that sent data is freed soon, large enough to keep the file count low.
        this.segmentBytes = Math.clamp(config.maxBytes() / 16, 64L * 1024, 4L * 1024 * 1024);
    }

    /** Opens the spool and indexes what an earlier run left in it. */
    static SpoolStore open(SpoolConfig config, Clock clock) throws IOException {
        SpoolDirectory dir = SpoolDirectory.open(config.directory());
        SpoolStore store = new SpoolStore(dir, config, clock);
        try {
            store.recover(SpoolCursor.read(dir.path()));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        return store;
    }

    private void recover(SpoolCursor cursor) throws IOException {
        long last = cursor.segment();
        for (Map.Entry<Long, Path> segment : dir.segments().entrySet()) {
            long number = segment.getKey();
            last = Math.max(last, number);
            if (number < cursor.segment()) {
                dir.delete(number); // fully sent before a crash or restart
                continue;
            }
            SpoolFrame.Scan scan;
            try {
                scan = SpoolFrame.scan(Files.readAllBytes(segment.getValue()));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot read spool file {0}, skipping it: {1}", segment.getValue(), e);
                continue;
            }
            if (scan.skippedBytes() > 0) {
                LOG.log(Level.WARNING, "spool file {0}: skipped {1} damaged byte(s) (a torn write or corruption);"
                        + " the requests in them are lost", segment.getValue(), scan.skippedBytes());
            }
            segments.add(number);
            scan.frames().stream().filter(f -> cursor.isBefore(number, f.offset())).forEach(f -> addPending(new Entry(number, f)));
        }
        // Numbers only grow, even past a stale cursor, so a new segment is never taken for a sent one.
        nextSegment = last + 1;
        removeSentHead(0);
        if (!pending.isEmpty()) {
            LOG.log(Level.INFO, "spool holds {0} request(s), {1} bytes, from an earlier run; sending them first",
                    pending.size(), pendingBytes);
        }
    }

    /** True when the request is durably stored; false when the spool is full or cannot be written. */
    synchronized boolean append(byte[] json, int itemCount) {
        long frameBytes = SpoolFrame.HEADER_BYTES + (long) json.length;
        if (pendingBytes + frameBytes > maxBytes) {
            return false;
        }
        try {
            if (active == null || activeSize > 0 && activeSize + frameBytes > segmentBytes) {
                roll();
            }
            long created = clock.millis();
            var buffer = SpoolFrame.encode(json, itemCount, created);
            while (buffer.hasRemaining()) {
                active.write(buffer, activeSize + buffer.position());
            }
            active.force(false);
            addPending(new Entry(activeSegment, new SpoolFrame.Frame(activeSize, json.length, itemCount, created)));
            activeSize += frameBytes;
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write to the spool in {0}: {1}", dir.path(), e.toString());
            closeActive(); // the next append starts a fresh segment, clear of a half-written frame
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
            removeSentHead(1);
        }
        return Optional.empty();
    }

    /** The backend has answered for this record (accepted or rejected it): never send it again. */
    synchronized void remove(Entry entry) {
        if (entry.equals(pending.peekFirst())) {
            removeSentHead(1);
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
            removeSentHead(records);
            LOG.log(Level.WARNING, "dropped {0} spooled request(s) older than delivery.spool.max-age ({1}):"
                    + " {2} item(s) lost", records, maxAge, items);
        }
    }

    /** Forgets the first {@code count} records, frees whole segments behind them and saves the cursor. */
    private void removeSentHead(int count) {
        for (int i = 0; i < count; i++) {
            pendingBytes -= pending.removeFirst().frame().frameBytes();
        }
        try {
            Entry next = pending.peekFirst();
            long keepFrom = next == null ? Long.MAX_VALUE : next.segment();
            if (next == null) {
                closeActive(); // empty: start over with a clean folder
            }
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

    private void roll() throws IOException {
        closeActive();
        activeSegment = nextSegment++;
        active = dir.create(activeSegment);
        segments.add(activeSegment);
        activeSize = 0;
    }

    private void closeActive() {
        if (active != null) {
            try {
                active.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a spool segment failed", e);
            }
            active = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeActive();
        dir.close();
    }
}
