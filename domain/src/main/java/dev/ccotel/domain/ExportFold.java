package dev.ccotel.domain;

import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds one export's groups, from whichever source read them, into the sessions' states: the
 * source-neutral half of mapping. Every source's mapper hands its {@link ExportGroups} here, so the
 * ledger, the totals and the requests are the same whoever produced the facts. Thread-safe.
 */
public final class ExportFold {
    private final String defaultHost;

    /** @param defaultHost the host to report for a session whose source named none */
    public ExportFold(String defaultHost) {
        this.defaultHost = Objects.requireNonNull(defaultHost, "defaultHost");
    }

    /**
     * Folds grouped exports into the sessions' states. {@code known} is not changed: the new states
     * come back in the result, one per session of the export, for the caller to keep.
     *
     * @param known the states of the export's sessions that are known; a missing one starts empty
     * @param now the time of the fold (last seen; start time when the export carries none)
     * @param trustedSince since when the caller has kept state (see {@link SessionFold})
     */
    public Folded fold(ExportGroups groups, Map<String, SessionState> known, Instant now, Instant trustedSince) {
        SessionFold fold = new SessionFold(trustedSince);
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        skipped.putAll(groups.skipped());
        List<SessionUpdate> requests = new ArrayList<>(groups.groups().size());
        List<SessionState> states = new ArrayList<>(groups.groups().size());
        for (SessionGroup group : groups.groups()) {
            SessionState prior = known.get(group.sessionId);
            SessionState state = prior == null ? new SessionState(group.sessionId) : prior.copy();
            SessionFold.Result folded = fold.apply(state, group, now);
            states.add(state);
            add(skipped, SkipReason.STALE_POINT, folded.stale);
            add(skipped, SkipReason.CUMULATIVE_BASELINE, folded.baselines);
            add(skipped, SkipReason.OUT_OF_RANGE, folded.outOfRange);
            if (group.events.isEmpty() && folded.points.isEmpty()) {
                continue; // nothing new for this session: no request to send
            }
            String host = group.host.isEmpty() ? defaultHost : group.host;
            requests.add(new SessionUpdate(host, folded.project, folded.session, group.events, folded.points));
        }
        return new Folded(new MappingResult(requests, skipped), states);
    }

    /** Folds the groups against the in-memory ledger, which then holds the new states. */
    public MappingResult intoLedger(SessionLedger ledger, ExportGroups groups) {
        synchronized (ledger) { // load, fold and save as one step, so concurrent exports of a session cannot lose an update
            Folded folded = fold(groups, ledger.states(groups.sessionIds()), ledger.clock().instant(),
                    ledger.trustedSince());
            ledger.save(folded.states());
            return folded.result();
        }
    }

    private static void add(Map<SkipReason, Long> skipped, SkipReason reason, long count) {
        if (count > 0) {
            skipped.merge(reason, count, Long::sum);
        }
    }
}
