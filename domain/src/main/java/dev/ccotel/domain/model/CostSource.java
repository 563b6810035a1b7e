package dev.ccotel.domain.model;

import java.util.Locale;

/**
 * Where a session's cost and tokens come from, shown beside them wherever they are reported. A
 * session counts once whatever the sources: see the README's "Cost source" for which one wins.
 */
public enum CostSource {
    /** Claude Code's own OpenTelemetry, received by the daemon. */
    TELEMETRY,
    /** The {@code cost-state} Claude Code writes into its transcript: its own cumulative cost. */
    TRANSCRIPT,
    /** A transcript without {@code cost-state} (older Claude Code): its per-message usage priced by the price table. */
    ESTIMATE;

    /** The word in reports and JSON: {@code telemetry}, {@code transcript}, {@code estimate}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CostSource ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
