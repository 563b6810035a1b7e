package dev.ccotel.ports.service.ingest;

import dev.ccotel.ports.service.status.ExportCounters;

import dev.ccotel.domain.ExportGroups;
import dev.ccotel.domain.Folded;
import dev.ccotel.domain.SessionState;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.out.EncodeTelemetryPort;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.HeldSessions;
import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.KeepOutcome;
import dev.ccotel.ports.out.LockSessionsPort;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The path every export takes, whatever the signal or receiver: load its sessions' states, fold
 * the export in, encode each request once, keep the lot, and tell the exporter how it went. One
 * session's exports go through one at a time (see {@link SessionLocks}).
 */
public final class ExportPipeline {
    private static final System.Logger LOG = System.getLogger(ExportPipeline.class.getName());

    /** Why the exporter is told about records the domain refused as too long to keep (see the README). */
    static final String TOO_LONG = "refused: a session.id over 256 characters or a metric series over 4,096 characters";

    private final OtlpMapper mapper;
    private final LoadSessionStatePort states;
    private final EncodeTelemetryPort encoder;
    private final KeepTelemetryPort keeper;
    private final Clock clock;
    private final SessionLocks locks = new SessionLocks();
    /** Holds the sessions beyond this process (the hub's database); nothing to hold for one daemon. */
    private final LockSessionsPort sharedLocks;
    private final ExportCounters counters;
    private final SyntheticSessionWarning syntheticWarning = new SyntheticSessionWarning();

    /** A pipeline whose skip counts nobody reads (tests, tools). */
    public ExportPipeline(OtlpMapper mapper, LoadSessionStatePort states, EncodeTelemetryPort encoder,
            KeepTelemetryPort keeper, Clock clock) {
        this(mapper, states, encoder, keeper, clock, new ExportCounters(clock));
    }

    /** @param counters where what the mapping skipped is counted (the daemon's status) */
    public ExportPipeline(OtlpMapper mapper, LoadSessionStatePort states, EncodeTelemetryPort encoder,
            KeepTelemetryPort keeper, Clock clock, ExportCounters counters) {
        this(mapper, states, encoder, keeper, clock, counters, ids -> HeldSessions.NOTHING);
    }

    /**
     * @param sharedLocks holds each export's sessions from load to keep where other processes fold
     *     them too (several hubs on one database)
     */
    public ExportPipeline(OtlpMapper mapper, LoadSessionStatePort states, EncodeTelemetryPort encoder,
            KeepTelemetryPort keeper, Clock clock, ExportCounters counters, LockSessionsPort sharedLocks) {
        this.sharedLocks = Objects.requireNonNull(sharedLocks, "sharedLocks");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.states = Objects.requireNonNull(states, "states");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    OtlpMapper mapper() {
        return mapper;
    }

    IngestResult take(ExportGroups groups, String signal) {
        if (!groups.skipped().isEmpty()) {
            LOG.log(Level.DEBUG, () -> "skipped from " + signal + " export: " + groups.skipped());
            counters.countSkipped(groups.skipped());
        }
        syntheticWarning.check(groups);
        Set<String> sessionIds = groups.sessionIds();
        long tooLong = groups.skipped().getOrDefault(SkipReason.ID_TOO_LONG, 0L);
        if (sessionIds.isEmpty()) {
            return tooLong == 0 ? new IngestResult.Success() : new IngestResult.PartialSuccess(tooLong, TOO_LONG);
        }
        int[] held = locks.lock(sessionIds);
        try {
            return takeHeld(groups, sessionIds, tooLong);
        } finally {
            locks.unlock(held);
        }
    }

    private IngestResult takeHeld(ExportGroups groups, Set<String> sessionIds, long tooLong) {
        HeldSessions shared;
        try {
            shared = sharedLocks.lock(sessionIds);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot lock the sessions: " + e.getMessage());
            return new IngestResult.RetryLater("cannot lock the sessions: " + e.getMessage(), Optional.empty());
        }
        try (shared) {
            Map<String, SessionState> known;
            try {
                known = states.load(sessionIds);
            } catch (RuntimeException e) {
                // Folding into empty states would count the sessions from zero: let the exporter retry instead.
                LOG.log(Level.WARNING, "cannot load the sessions' state: " + e.getMessage());
                return new IngestResult.RetryLater("cannot load session state: " + e.getMessage(), Optional.empty());
            }
            Folded folded = mapper.fold(groups, known, clock.instant(), states.trustedSince());
            counters.countSkipped(foldedOnly(folded.result().skipped(), groups.skipped()));
            Encoded encoded = encode(folded.result());
            if (tooLong > 0) {
                encoded.unencodable += tooLong;
                encoded.reasons.add(TOO_LONG);
            }
            KeepOutcome outcome = keepSafely(new KeptExport(encoded.requests, folded.states()));
            return answer(outcome, encoded);
        }
    }

    /** What the fold skipped beyond what reading the export had (counted already). */
    private static Map<SkipReason, Long> foldedOnly(Map<SkipReason, Long> all, Map<SkipReason, Long> read) {
        Map<SkipReason, Long> more = new EnumMap<>(SkipReason.class);
        all.forEach((reason, count) -> {
            long extra = count - read.getOrDefault(reason, 0L);
            if (extra > 0) {
                more.put(reason, extra);
            }
        });
        return more;
    }

    private Encoded encode(MappingResult mapped) {
        Encoded out = new Encoded();
        for (SessionUpdate request : mapped.requests()) {
            try {
                EncodedRequest encoded = encoder.encode(request);
                out.requests.add(new KeptExport.Request(request, encoded));
            } catch (RuntimeException e) {
                // Encoding again would fail again: this request is refused, the rest goes on.
                out.unencodable += request.itemCount();
                out.reasons.add("could not encode the request of session " + request.session().sessionId() + ": "
                        + e.getMessage());
            }
        }
        return out;
    }

    /** An out-port must classify its failures; one that throws anyway is treated as retry-later. */
    private KeepOutcome keepSafely(KeptExport export) {
        try {
            return keeper.keep(export);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "keeping an export failed unexpectedly", e);
            return new KeepOutcome.RetryLater("keeping the export failed: " + e, Optional.empty());
        }
    }

    private static IngestResult answer(KeepOutcome outcome, Encoded encoded) {
        return switch (outcome) {
            case KeepOutcome.RetryLater r -> new IngestResult.RetryLater(r.reason(), r.after());
            case KeepOutcome.Rejected r -> partial(encoded.unencodable + r.count(), r.message(), encoded);
            case KeepOutcome.Kept k -> encoded.unencodable > 0 || !encoded.reasons.isEmpty()
                    ? partial(encoded.unencodable, null, encoded) : new IngestResult.Success();
        };
    }

    private static IngestResult partial(long rejected, String message, Encoded encoded) {
        List<String> reasons = new ArrayList<>(encoded.reasons);
        if (message != null) {
            reasons.add(message);
        }
        return new IngestResult.PartialSuccess(rejected, String.join("; ", reasons));
    }

    private static final class Encoded {
        final List<KeptExport.Request> requests = new ArrayList<>();
        long unencodable;
        final List<String> reasons = new ArrayList<>();
    }
}
