package dev.ccotel.ports.out;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.model.DecisionCount;
import dev.ccotel.ports.model.TimelineEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store's history (telemetry and imported transcripts), summed into slices for reports. */
public interface ReadUsagePort {
    /**
     * The slices whose quarter starts in [{@code from}, {@code to}), of one project or all.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    List<UsageSlice> slices(Instant from, Instant to, Optional<String> project);

    /**
     * The usage of [{@code from}, {@code to}) by {@code period} in {@code zone}, of one project or all, summed by
     * the store; empty where this store cannot sum so (then a report adds up {@link #slices}, which gives the
     * same figures). {@code from} and {@code to} on quarter hours.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    default Optional<CalendarUsage> calendar(Instant from, Instant to, Optional<String> project, ZoneId zone,
            CalendarUsage.Period period) {
        return Optional.empty();
    }

    /**
     * Each session's usage of [{@code from}, {@code to}), of one project or all, summed by the store; empty where
     * this store cannot sum so (then the sessions report adds up {@link #slices}, which gives the same figures).
     * {@code from} and {@code to} on quarter hours.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    default Optional<List<SessionUsage>> sessionUsage(Instant from, Instant to, Optional<String> project) {
        return Optional.empty();
    }

    /**
     * Of {@code sessionIds}, those that telemetry and an import both hold, with each source's cost of the
     * whole session (not only of a report's days): what decides which source counts.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    Map<String, BothSources> inBothSources(Collection<String> sessionIds);

    /** One session's whole cost as telemetry saw it and as its transcript says. */
    record BothSources(double telemetryUsd, double importedUsd) {}

    /**
     * Each session's first prompt text of those in [{@code from}, {@code to}), by session id: only where
     * the user let prompt text be kept. Asked by the sessions report alone, since it costs a pass over
     * the events.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    Map<String, String> firstPrompts(Instant from, Instant to);

    /**
     * The limit windows' snapshots taken in [{@code from}, {@code to}), oldest first; none from a store
     * that keeps no statusline context.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    default List<LimitSnapshot> limitSnapshots(Instant from, Instant to) {
        return List.of();
    }

    /**
     * One session's kept events, oldest first (at most {@code limit}); none for a session the store does not hold.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    default List<TimelineEvent> events(String sessionId, int limit) {
        return List.of();
    }

    /**
     * One session's kept spans, by start (at most {@code limit}); none where Claude Code exported no traces.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    default List<SessionSpan> spans(String sessionId, int limit) {
        return List.of();
    }

    /**
     * The tool decisions ({@code tool_decision} events) in [{@code from}, {@code to}), counted per quarter hour and outcome.
     *
     * @throws IllegalStateException when the store cannot be read, with the reason in words
     */
    default List<DecisionCount> decisions(Instant from, Instant to) {
        return List.of();
    }
}
