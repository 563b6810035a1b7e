package dev.ccotel.ports.out;

import java.time.Instant;
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
}
