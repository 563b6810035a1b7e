package dev.ccotel.domain;

import dev.ccotel.domain.model.Session;
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

    ExportGroups(List<SessionGroup> groups, Map<SkipReason, Long> skipped, String origin) {
        this.groups = groups;
        this.skipped = skipped.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(skipped));
        this.origin = origin;
    }

    /** The connection the export came over, as the caller named it. */
    public String origin() {
        return origin;
    }

    /** The synthetic session of records that carried no {@code session.id}, if the export had any. */
    public Optional<String> syntheticSessionId() {
        for (SessionGroup group : groups) {
            if (Session.isSynthetic(group.sessionId)) {
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
