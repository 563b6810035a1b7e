package dev.ccotel.adapter.httpin;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.ccotel.adapter.httpin.wire.BoundedBody;
import dev.ccotel.adapter.httpin.wire.OtlpJson;
import dev.ccotel.ports.in.IngestResult;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One OTLP/HTTP export, from the request to the answer: media type, bounds, decoding, the use case,
 * and the reply in the request's media type. A translator: the decisions are the use case's.
 */
final class OtlpExchange {
    private static final System.Logger LOG = System.getLogger(OtlpExchange.class.getName());

    /**
     * How long an export waits for a place when the listener is full, within an OTLP exporter's own
     * 10 s timeout: long enough for a cold JVM's first burst, short enough to answer 503 (which an
     * OTLP/HTTP exporter retries) before the exporter gives up.
     */
    static final Duration WAIT_FOR_A_PLACE = Duration.ofSeconds(5);

    private final int maxMessageBytes;
    private final Admission admission;

    OtlpExchange(int maxMessageBytes, Admission admission) {
        this.maxMessageBytes = maxMessageBytes;
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    <T extends Message> Handler handler(ExportSignal<T> signal) {
        return (req, res) -> handle(signal, req, res);
    }

    private <T extends Message> void handle(ExportSignal<T> signal, ServerRequest req, ServerResponse res) {
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        Optional<MediaKind> kind = MediaKind.of(contentType);
        if (kind.isEmpty()) {
            send(res, MediaKind.JSON, HttpReplies.unsupportedMediaType("Content-Type " + contentType.orElse("(none)")
                    + " is not supported; send application/x-protobuf or application/json"), false);
            return;
        }
        Optional<String> encoding = req.headers().first(HeaderNames.CONTENT_ENCODING);
        if (!BoundedBody.supports(encoding)) {
            send(res, kind.get(), HttpReplies.unsupportedMediaType("Content-Encoding " + encoding.get()
                    + " is not supported; send gzip or no encoding"), false);
            return;
        }
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && encoding.isEmpty() && declared.getAsLong() > maxMessageBytes) {
            // Refused unread; closing the connection spares reading a body nobody wants.
            send(res, kind.get(), tooLarge(signal, "the body of " + declared.getAsLong() + " bytes"), true);
            return;
        }
        Optional<Admission.Permit> permit;
        try {
            permit = admission.enter(WAIT_FOR_A_PLACE);
        } catch (InterruptedException e) { // the server is stopping
            Thread.currentThread().interrupt();
            permit = Optional.empty();
        }
        if (permit.isEmpty()) {
            String reason = admission.closing() || Thread.currentThread().isInterrupted()
                    ? "ccotel is shutting down; retry the export"
                    : "ccotel was handling " + admission.limit() + " exports for the " + WAIT_FOR_A_PLACE.toSeconds()
                            + " s this one waited; retry later or raise receiver.max-concurrent-calls";
            send(res, kind.get(), HttpReplies.retryLater(reason, HttpReplies.DEFAULT_RETRY_AFTER), true);
            return;
        }
        Reply reply;
        boolean unread = false;
        try {
            byte[] body = BoundedBody.read(req.content().inputStream(), encoding, maxMessageBytes);
            T request = parse(signal, kind.get(), body);
            reply = signal.isEmpty(request) ? Reply.of(200, signal.accepted()) : ingest(signal, request, origin(req));
        } catch (BoundedBody.TooLarge e) {
            reply = tooLarge(signal, e.getMessage());
            unread = true;
        } catch (BoundedBody.Undecodable | InvalidProtocolBufferException e) {
            reply = malformed(signal, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            reply = malformed(signal, "could not read the body: " + e.getMessage());
            unread = true;
        } finally {
            // Before the answer goes out, so a client that saw it can send the next export at once.
            permit.get().release();
        }
        send(res, kind.get(), reply, unread);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T parse(ExportSignal<T> signal, MediaKind kind, byte[] body)
            throws InvalidProtocolBufferException {
        if (kind == MediaKind.PROTOBUF) {
            return signal.parser().parseFrom(body);
        }
        Message.Builder builder = signal.newBuilder();
        OtlpJson.merge(body, builder);
        return (T) builder.build();
    }

    /**
     * The connection an export came over, for records without a {@code session.id}: the client's port
     * and Helidon's id of the connection's socket, so that two exporters (or two connections of one,
     * after a keep-alive connection closed) never share one.
     */
    static String origin(ServerRequest req) {
        return "http-" + req.remotePeer().port() + "-" + req.socketId();
    }

    private static <T extends Message> Reply ingest(ExportSignal<T> signal, T request, String origin) {
        IngestResult result;
        try {
            result = Objects.requireNonNull(signal.ingest(request, origin), "use case returned no result");
        } catch (RuntimeException e) {
            // A bug in the core must cost one export, not the listener.
            LOG.log(System.Logger.Level.ERROR, "processing a " + signal.name() + " export failed", e);
            return HttpReplies.failed(signal.name());
        }
        return HttpReplies.of(result, signal.accepted(), signal::partial);
    }

    private Reply tooLarge(ExportSignal<?> signal, String what) {
        LOG.log(System.Logger.Level.WARNING, "refused an OTLP/HTTP {0} export: {1} (receiver.max-message-bytes {2})",
                signal.name(), what, maxMessageBytes);
        return HttpReplies.tooLarge(what + "; the limit is receiver.max-message-bytes = " + maxMessageBytes);
    }

    private static Reply malformed(ExportSignal<?> signal, String defect) {
        LOG.log(System.Logger.Level.WARNING, "rejected a malformed OTLP/HTTP {0} export: {1}", signal.name(), defect);
        return HttpReplies.malformed("not a valid OTLP " + signal.name() + " export: " + defect);
    }

    static void send(ServerResponse res, MediaKind kind, Reply reply, boolean closeConnection) {
        res.status(reply.status());
        res.header(HeaderNames.CONTENT_TYPE, kind.contentType);
        reply.retryAfter().ifPresent(after -> res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds(after))));
        if (closeConnection) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        res.send(kind == MediaKind.PROTOBUF ? reply.body().toByteArray() : OtlpJson.print(reply.body()));
    }

    /** Retry-After takes whole seconds; rounding up never asks for a retry sooner than the use case said. */
    static long seconds(Duration after) {
        long s = after.getSeconds();
        return after.getNano() > 0 ? s + 1 : s;
    }
}
