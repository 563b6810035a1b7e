package dev.ccotel.domain;

import dev.ccotel.domain.SessionState.SeriesState;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds one export's share of a session into that session's state: the pure core of the ledger.
 * It changes only the state it is given (callers pass a copy) and reads no clock.
 *
 * <p>Cumulative series: a point whose start time differs from the last one seen, or whose value
 * dropped, starts a new count, and its whole value is forwarded. The first point of a series that
 * started before {@code trustedSince} (when this daemon began to keep state) is only taken as the
 * baseline when the session's state is itself new since then: a previous run that kept no state
 * may have forwarded its total already, and forwarding it again would double it. A session whose
 * state was carried over from a previous run knows every series that run saw, so a series new to
 * it is new to the backend too and counts in full.
 */
final class SessionFold {
    private final Instant trustedSince;

    SessionFold(Instant trustedSince) {
        this.trustedSince = trustedSince;
    }

    Result apply(SessionState state, SessionGroup group, Instant now) {
        if (state.createdAt == null) {
            state.createdAt = now;
        }
        state.lastSeen = now;
        state.identity = state.identity.updatedBy(group.identity);
        if (!group.project.isEmpty()) {
            state.project = group.project;
        }
        state.startedAt = Times.earlier(state.startedAt, group.earliest);
        for (Event event : group.events) {
            state.count(event);
        }
        Result result = new Result(state.project.isEmpty() ? "unknown" : state.project);
        for (RawPoint point : group.points) {
            convert(state, point, result);
        }
        result.session = state.snapshot(now);
        return result;
    }

    private void convert(SessionState state, RawPoint p, Result out) {
        SeriesState series = state.series.get(p.seriesKey());
        if (!p.cumulative()) {
            // A delta point whose window was counted already is a retried export: forward it again
            // (same id, so the backend can drop it) but do not count it twice. An earlier window
            // that arrives late (exports overtaking each other) is counted.
            boolean replay = series != null && series.isDeltaReplay(p.startNanos(), p.timeNanos());
            if (series == null) {
                series = new SeriesState();
                state.series.put(p.seriesKey(), series);
            }
            MetricPoint point = p.withValue(p.value());
            if (!state.canCount(point)) {
                out.outOfRange++;
                return;
            }
            out.points.add(point);
            if (!replay) {
                series.countDeltaWindow(p.startNanos(), p.timeNanos());
                state.count(point);
            }
            return;
        }
        if (series == null || series.startNanos != p.startNanos()) {
            boolean firstSight = series == null;
            series = new SeriesState();
            series.startNanos = p.startNanos();
            state.series.put(p.seriesKey(), series);
            if (firstSight && mayHaveBeenForwarded(state, p)) {
                remember(series, p, 0);
                out.baselines++;
                return;
            }
            emit(state, series, p, p.value(), true, out);
            return;
        }
        int order = Long.compareUnsigned(p.timeNanos(), series.lastTimeNanos);
        if (order < 0 || (order == 0 && p.value() != series.lastValue)) {
            out.stale++;
        } else if (order == 0) {
            if (series.lastDelta != 0) {
                out.points.add(p.withValue(series.lastDelta)); // a retried export: same id, not counted again
            }
        } else if (p.value() < series.lastValue) {
            emit(state, series, p, p.value(), true, out); // the counter was reset
        } else {
            emit(state, series, p, p.value() - series.lastValue, false, out);
        }
    }

    private static void emit(SessionState state, SeriesState series, RawPoint p, double delta, boolean newCount,
            Result out) {
        MetricPoint point = p.withValue(delta);
        if (!state.canCount(point)) {
            out.outOfRange++; // not remembered either: the next point is measured against the last sane one
            return;
        }
        remember(series, p, delta);
        if (delta == 0 && !newCount) {
            return; // unchanged since the last export: a delta exporter would send nothing either
        }
        out.points.add(point);
        state.count(point);
    }

    private static void remember(SeriesState series, RawPoint p, double delta) {
        series.lastTimeNanos = p.timeNanos();
        series.lastValue = p.value();
        series.lastDelta = delta;
    }

    private boolean mayHaveBeenForwarded(SessionState state, RawPoint p) {
        boolean startedBefore = p.startNanos() == 0 || Times.fromUnixNanos(p.startNanos()).isBefore(trustedSince);
        return startedBefore && !state.createdAt.isBefore(trustedSince);
    }

    /** Folding one group in: the session as it now stands, the points to forward and what was skipped. */
    static final class Result {
        Session session;
        final String project;
        final List<MetricPoint> points = new ArrayList<>();
        long stale;
        long baselines;
        long outOfRange;

        Result(String project) {
            this.project = project;
        }
    }
}
