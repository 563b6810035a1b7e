package dev.ccotel.domain;

import dev.ccotel.domain.model.SkipReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One export read into per-session groups, before any state is consulted: what every source's
 * reader produces, and the input of {@link ExportFold}. What was skipped while reading is counted
 * here. A reader fills a {@link Builder}.
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

    /**
     * Starts reading one export of a mapper run (epoch seconds, see {@link Origin}) that came over
     * {@code origin}; an empty origin is {@code inspect}.
     */
    public static Builder reading(long run, String origin) {
        return new Builder(origin, Origin.syntheticSessionId(run, origin));
    }

    /** As {@link #reading(long, String)}, for a caller that knows no connection. */
    public static Builder reading(long run) {
        return reading(run, Origin.UNKNOWN);
    }

    /** The groups of one export as a source's reader finds them, in order of first appearance. */
    public static final class Builder {
        private final String origin;
        private final String syntheticId;
        private final Map<String, SessionGroup> groups = new LinkedHashMap<>();
        private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);

        private Builder(String origin, String syntheticId) {
            this.origin = origin;
            this.syntheticId = syntheticId;
        }

        /** The session of records that carry no session id of their own: no random id is invented. */
        public String syntheticSessionId() {
            return syntheticId;
        }

        /** The group of {@code sessionId}, started on first sight. */
        public SessionGroup session(String sessionId) {
            return groups.computeIfAbsent(sessionId, SessionGroup::new);
        }

        /** Counts {@code count} records or points left out for {@code reason}; nothing when none. */
        public void skip(SkipReason reason, long count) {
            if (count > 0) {
                skipped.merge(reason, count, Long::sum);
            }
        }

        public ExportGroups build() {
            return new ExportGroups(List.copyOf(groups.values()), skipped, origin, syntheticId);
        }
    }
}
