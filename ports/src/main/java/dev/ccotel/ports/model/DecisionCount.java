package dev.ccotel.ports.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How many tool decisions of one outcome fell into one quarter of an hour (so that days in any zone add up).
 *
 * @param decision Claude Code's word: {@code accept} or {@code reject}
 */
public record DecisionCount(Instant quarter, String decision, long count) {
    public DecisionCount {
        Objects.requireNonNull(quarter, "quarter");
        Objects.requireNonNull(decision, "decision");
    }
}
