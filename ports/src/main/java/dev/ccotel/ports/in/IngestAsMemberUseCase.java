package dev.ccotel.ports.in;

import dev.ccotel.ports.model.Member;

/**
 * Raw OTLP sent straight to the hub: the same use cases as the daemon's, with what they keep
 * attributed to the member whose token came with the export.
 */
public interface IngestAsMemberUseCase {
    IngestLogsUseCase logs(Member member);

    IngestMetricsUseCase metrics(Member member);

    IngestTracesUseCase traces(Member member);
}
