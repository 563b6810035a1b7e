package dev.ccotel.adapter.grpc;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts and drops spans. The backend has no use for them, but a user who also enabled Claude Code's
 * trace exporter should not see export errors (UNIMPLEMENTED) for that; the count makes the drop visible.
 */
final class TraceServiceImpl extends TraceServiceGrpc.TraceServiceImplBase {
    private static final System.Logger LOG = System.getLogger(TraceServiceImpl.class.getName());

    private final AtomicLong spansDropped = new AtomicLong();

    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> responses) {
        long spans = request.getResourceSpansList().stream()
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .mapToLong(ScopeSpans::getSpansCount)
                .sum();
        if (spans > 0) {
            long total = spansDropped.addAndGet(spans);
            LOG.log(System.Logger.Level.DEBUG, "dropped {0} spans ({1} so far): ccotel forwards metrics and events only",
                    spans, total);
        }
        ExportReplies.reply(responses, ExportTraceServiceResponse.getDefaultInstance());
    }

    long spansDropped() {
        return spansDropped.get();
    }
}
