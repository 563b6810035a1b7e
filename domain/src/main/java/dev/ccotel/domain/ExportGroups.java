package dev.ccotel.domain;

import dev.ccotel.domain.model.SkipReason;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One export read into per-session groups, before any state is consulted: the input of
 * {@link OtlpMapper#fold}. What was skipped while reading is counted here.
 */
public final class ExportGroups {
    private final List<SessionGroup> groups;
    private final Map<SkipReason, Long> skipped;

    ExportGroups(List<SessionGroup> groups, Map<SkipReason, Long> skipped) {
        this.groups = groups;
        this.skipped = skipped.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(skipped));
    }

    /** The sessions of the export, in order of first appearance. */
    public Set<String> sessionIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (SessionGroup group : groups) {
            ids.add(group.sessionId);
        }
        return ids;
    }

    public Map<SkipReason, Long> skipped() {
        return skipped;
    }

    List<SessionGroup> groups() {
        return groups;
    }
}
