package dev.ccotel.app.runtime;

import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.KeepOutcome;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What the daemon did, in the log: with {@code -v} one line per export (sessions, events, points,
 * outcome, how long keeping took), and once a minute at INFO, only when something arrived, one
 * line with the minute's exports, sessions, events, points and cost and where they went.
 */
public final class ActivityLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ActivityLog.class.getName());

    private final String where;
    private final ScheduledExecutorService timer;
    /** Requests waiting for the backend; null when there is no backend, and then the line says nothing of forwarding. */
    private volatile LongSupplier waiting;
    private Minute minute = new Minute();

    /** @param where what "kept" means here: "stored", "forwarded" (passthrough) or "printed" (dry run) */
    public ActivityLog(String where) {
        this(where, Duration.ofMinutes(1));
    }

    ActivityLog(String where, Duration every) {
        this.where = where;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ccotel-summary").daemon(true).factory());
        timer.scheduleAtFixedRate(this::summarise, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The keep hop, noted: what an export held and how it was taken. */
    public KeepTelemetryPort around(KeepTelemetryPort next) {
        return export -> {
            long start = System.nanoTime();
            KeepOutcome outcome = next.keep(export);
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            noted(export, outcome, micros);
            return outcome;
        };
    }

    /** With a backend: the summary also says what was forwarded and how many requests still wait (a backlog). */
    public void showForwarding(LongSupplier requestsWaiting) {
        this.waiting = requestsWaiting;
    }

    /** The outbox forwarder's round: how many requests the backend took and refused. */
    public synchronized void forwarded(int delivered, int refused) {
        minute.forwarded += delivered;
        minute.refused += refused;
    }

    private void noted(KeptExport export, KeepOutcome outcome, long micros) {
        int events = 0;
        int points = 0;
        double cost = 0;
        Set<String> sessions = new HashSet<>();
        for (KeptExport.Request r : export.requests()) {
            SessionUpdate request = r.request();
            sessions.add(request.session().sessionId());
            events += request.events().size();
            points += request.metrics().size();
            for (MetricPoint p : request.metrics()) {
                if (p.metricType() == MetricType.COST_USAGE) {
                    cost += p.value();
                }
            }
        }
        String verdict = switch (outcome) {
            case KeepOutcome.Kept k -> where;
            case KeepOutcome.Rejected r -> "refused (" + r.message() + ")";
            case KeepOutcome.RetryLater r -> "not taken, the exporter is told to retry (" + r.reason() + ")";
        };
        int e = events;
        int p = points;
        LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT, "export: session(s) %s, %d event(s), %d point(s): %s"
                + " in %.1f ms", String.join(",", sessions), e, p, verdict, micros / 1000.0));
        synchronized (this) {
            minute.exports++;
            minute.sessions.addAll(sessions);
            minute.events += events;
            minute.points += points;
            minute.cost += cost;
            if (outcome instanceof KeepOutcome.Kept) {
                minute.kept++;
            } else {
                minute.notKept++;
            }
        }
    }

    private void summarise() {
        Minute last;
        synchronized (this) {
            last = minute;
            minute = new Minute();
        }
        if (last.exports == 0 && last.forwarded == 0 && last.refused == 0) {
            return; // nothing arrived: nothing to say
        }
        LOG.log(Level.INFO, String.format(Locale.ROOT, "last minute: %d export(s), %d session(s), %d event(s),"
                + " %d point(s), $%.4f; %s %d, not taken %d%s", last.exports, last.sessions.size(), last.events,
                last.points, last.cost, where, last.kept, last.notKept, forwarding(last)));
    }

    private String forwarding(Minute last) {
        LongSupplier backlog = waiting;
        if (backlog == null) {
            return "";
        }
        String forwarded = "; forwarded " + last.forwarded + ", refused by the backend " + last.refused;
        try {
            long wait = backlog.getAsLong();
            return forwarded + (wait == 0 ? ", none waits" : ", " + wait + " request(s) wait for the backend");
        } catch (RuntimeException unreadable) {
            return forwarded; // the store cannot say right now; the line still says what went out
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        summarise(); // what the last minute did is not lost on shutdown
    }

    /** The counts of one minute. */
    private static final class Minute {
        int exports;
        final Set<String> sessions = new HashSet<>();
        long events;
        long points;
        double cost;
        long kept;
        long notKept;
        long forwarded;
        long refused;
    }
}
