package dev.ccotel.adapter.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an earlier run left in the spool: the records not yet answered for, in order. Damaged
 * stretches and unreadable files are skipped with a warning; segments already sent are deleted.
 *
 * @param nextSegment beyond every segment and the cursor, so a new segment is never taken for a sent one
 */
record SpoolRecovery(List<SpoolStore.Entry> pending, TreeSet<Long> segments, long nextSegment) {
    private static final System.Logger LOG = System.getLogger(SpoolRecovery.class.getName());

    static SpoolRecovery scan(SpoolDirectory dir) throws IOException {
        SpoolCursor cursor = SpoolCursor.read(dir.path());
        List<SpoolStore.Entry> pending = new ArrayList<>();
        TreeSet<Long> segments = new TreeSet<>();
        long last = cursor.segment();
        for (Map.Entry<Long, Path> file : dir.segments().entrySet()) {
            long number = file.getKey();
            last = Math.max(last, number);
            if (number < cursor.segment()) {
                dir.delete(number); // sent before a crash or restart
                continue;
            }
            SpoolFrame.Scan scan;
            try {
                scan = SpoolFrame.scan(Files.readAllBytes(file.getValue()));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot read spool file {0}, skipping it: {1}", file.getValue(), e.toString());
                continue;
            }
            if (scan.skippedBytes() > 0) {
                LOG.log(Level.WARNING, "spool file {0}: skipped {1} damaged byte(s) (a torn write or corruption);"
                        + " the requests in them are lost", file.getValue(), scan.skippedBytes());
            }
            segments.add(number);
            scan.frames().stream()
                    .filter(frame -> cursor.isBefore(number, frame.offset()))
                    .forEach(frame -> pending.add(new SpoolStore.Entry(number, frame)));
        }
        return new SpoolRecovery(pending, segments, last + 1);
    }
}
