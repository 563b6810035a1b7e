package dev.ccotel.ports.service;

import dev.ccotel.domain.model.CcOtelRequest;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes each session's request of one export at once and folds the outcomes into the one
 * answer the exporter gets. One request the backend could not take makes the whole export
 * "retry later": the ids are derived from content, so what did arrive is de-duplicated when the
 * exporter sends it again. Refused data is reported as partial success, never retried.
 */
final class Forwarder {
    private static final System.Logger LOG = System.getLogger(Forwarder.class.getName());

    private final PublishTelemetryPort publisher;

    Forwarder(PublishTelemetryPort publisher) {
        this.publisher = publisher;
    }

    IngestResult forward(MappingResult mapped, String signal) {
        if (!mapped.skipped().isEmpty()) {
            LOG.log(Level.DEBUG, () -> "skipped from " + signal + " export: " + mapped.skipped());
        }
        long rejected = 0;
        List<String> rejections = new ArrayList<>();
        List<String> retryReasons = new ArrayList<>();
        Optional<Duration> retryAfter = Optional.empty();
        for (CcOtelRequest request : mapped.requests()) {
            PublishOutcome outcome = publishSafely(request);
            switch (outcome) {
                case PublishOutcome.Accepted accepted -> { }
                case PublishOutcome.Rejected r -> {
                    rejected += r.count();
                    rejections.add(r.message());
                }
                case PublishOutcome.RetryLater r -> {
                    retryReasons.add(r.reason());
                    retryAfter = later(retryAfter, r.after());
                }
            }
        }
        if (!retryReasons.isEmpty()) {
            return new IngestResult.RetryLater(String.join("; ", retryReasons), retryAfter);
        }
        if (rejected > 0 || !rejections.isEmpty()) {
            return new IngestResult.PartialSuccess(rejected, String.join("; ", rejections));
        }
        return new IngestResult.Success();
    }

    /** An out-port must classify its failures; one that throws anyway is treated as retry-later. */
    private PublishOutcome publishSafely(CcOtelRequest request) {
        try {
            return publisher.publish(request);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "publisher failed unexpectedly for session " + request.session().sessionId(), e);
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
