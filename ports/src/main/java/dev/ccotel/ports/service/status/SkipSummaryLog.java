package dev.ccotel.ports.service.status;

import dev.ccotel.domain.model.SkipReason;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One INFO line, at most once a minute, saying what was skipped since the last line: otherwise
 * dropped data is invisible to anyone who does not ask {@code /status}. A skip that arrives within the
 * minute waits for the next skip after it to be told.
 */
final class SkipSummaryLog {
    private static final System.Logger LOG = System.getLogger(SkipSummaryLog.class.getName());
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<SkipReason, Long> pending = new EnumMap<>(SkipReason.class);
    private long pendingSpans;
    private Instant last;

    SkipSummaryLog(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(Map<SkipReason, Long> skipped, long spans) {
        skipped.forEach((reason, count) -> pending.merge(reason, count, Long::sum));
        pendingSpans += spans;
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(INTERVAL)) || (pending.isEmpty() && pendingSpans == 0)) {
            return;
        }
        last = now;
        LOG.log(Level.INFO, line(pending, pendingSpans));
        pending.clear();
        pendingSpans = 0;
    }

    static String line(Map<SkipReason, Long> skipped, long spans) {
        StringJoiner parts = new StringJoiner(", ");
        if (spans > 0) {
            parts.add(spans + " span(s) (counted, never forwarded)");
        }
        skipped.forEach((reason, count) -> parts.add(count + " " + reason.id()));
        return "not forwarded since the last such line: " + parts + " (totals on /status and /metrics)";
    }
}
