package dev.ccotel.ports.service.report;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.model.DecisionCount;
import dev.ccotel.ports.model.TimelineEvent;
import dev.ccotel.ports.out.LimitSnapshot;
import dev.ccotel.ports.out.CalendarUsage;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.out.SessionUsage;
import dev.ccotel.ports.out.UsageSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The store's slices read once for the readers that ask for the same window at the same moment: the
 * dashboard's first look asks for the last 30 days five times at once (daily, projects, repositories,
 * branches, sessions), and the statusline for today and the month after every message. A window read is
 * shared while no export was kept since ({@code version}) and for at most {@code fresh}; a read in flight
 * is joined, not repeated. Everything else is asked of the store each time.
 */
public final class SharedReads implements ReadUsagePort {
    private static final int KEPT = 64;

    private final ReadUsagePort store;
    private final Supplier<?> version;
    private final Clock clock;
    private final Duration fresh;
    private final Map<Key, Read> reads = new ConcurrentHashMap<>();

    /**
     * @param version changes when the store may hold more (the last export's time); a read made under another
     *     version is not shared
     */
    public SharedReads(ReadUsagePort store, Supplier<?> version, Clock clock, Duration fresh) {
        this.store = Objects.requireNonNull(store, "store");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fresh = Objects.requireNonNull(fresh, "fresh");
    }

    private record Key(Instant from, Instant to, Optional<String> project, Object version) {}

    private record Read(CompletableFuture<List<UsageSlice>> slices, Instant at) {}

    @Override
    public List<UsageSlice> slices(Instant from, Instant to, Optional<String> project) {
        Instant now = clock.instant();
        Key key = new Key(from, to, project, version.get());
        if (reads.size() > KEPT) {
            reads.values().removeIf(r -> r.slices().isDone());
        }
        boolean[] mine = {false};
        Read read = reads.compute(key, (k, old) -> {
            if (old != null && Duration.between(old.at(), now).compareTo(fresh) < 0
                    && !old.slices().isCompletedExceptionally()) {
                return old;
            }
            mine[0] = true; // this thread reads; the others asking meanwhile wait for it
            return new Read(new CompletableFuture<>(), now);
        });
        if (mine[0]) {
            try {
                read.slices().complete(store.slices(from, to, project));
            } catch (RuntimeException e) {
                read.slices().completeExceptionally(e);
                reads.remove(key, read);
            }
        }
        try {
            return read.slices().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public Optional<CalendarUsage> calendar(Instant from, Instant to, Optional<String> project, ZoneId zone,
            CalendarUsage.Period period) {
        return store.calendar(from, to, project, zone, period);
    }

    @Override
    public Optional<List<SessionUsage>> sessionUsage(Instant from, Instant to, Optional<String> project) {
        return store.sessionUsage(from, to, project);
    }

    @Override
    public Map<String, BothSources> inBothSources(Collection<String> sessionIds) {
        return store.inBothSources(sessionIds);
    }

    @Override
    public Map<String, String> firstPrompts(Instant from, Instant to) {
        return store.firstPrompts(from, to);
    }

    @Override
    public List<LimitSnapshot> limitSnapshots(Instant from, Instant to) {
        return store.limitSnapshots(from, to);
    }

    @Override
    public List<TimelineEvent> events(String sessionId, int limit) {
        return store.events(sessionId, limit);
    }

    @Override
    public List<SessionSpan> spans(String sessionId, int limit) {
        return store.spans(sessionId, limit);
    }

    @Override
    public List<DecisionCount> decisions(Instant from, Instant to) {
        return store.decisions(from, to);
    }
}
