package dev.ccotel.adapter.httpin;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.ccotel.ports.in.IngestResult;

/** What differs between the logs, metrics and traces endpoints; {@link OtlpExchange} does the rest. */
interface ExportSignal<T extends Message> {
    /** {@code logs}, {@code metrics} or {@code traces}, for messages. */
    String name();

    Parser<T> parser();

    Message.Builder newBuilder();

    /** An export with no resources is answered at once, without bothering the use case. */
    boolean isEmpty(T request);

    /** @param origin the connection the export came over, see {@link OtlpExchange#origin} */
    IngestResult ingest(T request, String origin);

    Message accepted();

    Message partial(long rejected, String message);
}
