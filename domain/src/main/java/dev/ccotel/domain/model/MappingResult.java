package dev.ccotel.domain.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The backend requests one export maps to (one per session, in order of first appearance) and
 * what was skipped, by reason, counted in records or data points.
 */
public record MappingResult(List<SessionUpdate> requests, Map<SkipReason, Long> skipped) {

    public MappingResult {
        requests = List.copyOf(requests);
        skipped = skipped.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(skipped));
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
