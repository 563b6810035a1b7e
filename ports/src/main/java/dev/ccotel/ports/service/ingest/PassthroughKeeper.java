package dev.ccotel.ports.service.ingest;

import dev.ccotel.ports.out.KeepTelemetryPort;
import dev.ccotel.ports.out.KeepOutcome;
import dev.ccotel.ports.out.KeptExport;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pure passthrough ({@code delivery.mode: passthrough}): nothing is kept on disk; each request is
 * posted inside the exporter's call and the outcomes are folded into its answer. One request the
 * backend could not take makes the whole export "retry later" and leaves the sessions' states as
 * they were: the ids are derived from content, so what did arrive is de-duplicated when the
 * exporter sends it again, and counted once. Refused data is reported, never retried.
 */
public final class PassthroughKeeper implements KeepTelemetryPort {
    private static final System.Logger LOG = System.getLogger(PassthroughKeeper.class.getName());

    private final PublishTelemetryPort publisher;
    private final InMemorySessionStates states;

    public PassthroughKeeper(PublishTelemetryPort publisher, InMemorySessionStates states) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.states = Objects.requireNonNull(states, "states");
    }

    @Override
    public KeepOutcome keep(KeptExport export) {
        long rejected = 0;
        List<String> rejections = new ArrayList<>();
        List<String> retryReasons = new ArrayList<>();
        Optional<Duration> retryAfter = Optional.empty();
        for (KeptExport.Request request : export.requests()) {
            switch (publishSafely(request)) {
                case PublishOutcome.Accepted accepted -> { }
                case PublishOutcome.Rejected r -> {
                    rejected += r.count();
                    rejections.add(r.message());
                }
                case PublishOutcome.TokenRefused r -> retryReasons.add(r.message());
                case PublishOutcome.RetryLater r -> {
                    retryReasons.add(r.reason());
                    retryAfter = later(retryAfter, r.after());
                }
            }
        }
        if (!retryReasons.isEmpty()) {
            LOG.log(Level.WARNING, "backend cannot take an export ({0}) and delivery.mode is passthrough: the"
                    + " exporter is told UNAVAILABLE and, as Claude Code does not resend over gRPC, it is lost",
                    String.join("; ", retryReasons));
            return new KeepOutcome.RetryLater(String.join("; ", retryReasons), retryAfter);
        }
        states.save(export.states());
        if (rejected > 0 || !rejections.isEmpty()) {
            return new KeepOutcome.Rejected((int) Math.min(Integer.MAX_VALUE, rejected),
                    String.join("; ", rejections));
        }
        return new KeepOutcome.Kept();
    }

    private PublishOutcome publishSafely(KeptExport.Request request) {
        try {
            return publisher.publish(request.encoded());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "publisher failed unexpectedly for session " + request.encoded().sessionId(), e);
            return new PublishOutcome.RetryLater("publisher failed: " + e, Optional.empty());
        }
    }

    private static Optional<Duration> later(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().compareTo(b.get()) >= 0 ? a : b;
    }
}
