package dev.ccotel.domain;

import dev.ccotel.domain.model.SkipReason;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One export read into per-session groups, before any state is consulted: the input of
 * {@link OtlpMapper#fold}. What was skipped while reading is counted here.
 */
public final class ExportGroups {
    private final List<SessionGroup> groups;
    private final Map<SkipReason, Long> skipped;
    private final String origin;
    private final String syntheticId;

    ExportGroups(List<SessionGroup> groups, Map<SkipReason, Long> skipped, String origin, String syntheticId) {
        this.groups = groups;
        this.skipped = skipped.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(skipped));
        this.origin = origin;
        this.syntheticId = syntheticId;
    }

    /** The connection the export came over, as the caller named it. */
    public String origin() {
        return origin;
    }

    /**
     * The synthetic session of records that carried no {@code session.id}, if the export had any (a
     * client that sends such an id itself is not taken for one).
     */
    public Optional<String> syntheticSessionId() {
        for (SessionGroup group : groups) {
            if (group.sessionId.equals(syntheticId)) {
                return Optional.of(group.sessionId);
            }
        }
        return Optional.empty();
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
