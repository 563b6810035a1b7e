package dev.ccotel.adapter.httpin.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.adapter.httpin.wire.BoundedBody;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.ports.in.IngestForwardedCommand;
import dev.ccotel.ports.in.IngestForwardedUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.model.Member;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /api/v1/cc/otel}, the backend contract a daemon forwards (README, "Wire contract"): the
 * request to the forwarded use case, its result to the contract's answer and a status the daemon's
 * forwarder classifies (200 taken, 400 refused for good, 413 too large, 503 retry).
 */
public final class ContractRoute {
    public static final String PATH = "/api/v1/cc/otel";
    private static final System.Logger LOG = System.getLogger(ContractRoute.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IngestForwardedUseCase useCase;
    private final int maxMessageBytes;

    public ContractRoute(IngestForwardedUseCase useCase, int maxMessageBytes) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.maxMessageBytes = maxMessageBytes;
    }

    public void handle(Member member, ServerRequest req, ServerResponse res) {
        Optional<String> encoding = req.headers().first(HeaderNames.CONTENT_ENCODING);
        if (!BoundedBody.supports(encoding)) {
            answer(res, 415, false, 0, 0, "Content-Encoding " + encoding.get() + " is not supported");
            return;
        }
        byte[] body;
        SessionUpdate update;
        try {
            body = BoundedBody.read(req.content().inputStream(), encoding, maxMessageBytes);
            update = ContractJson.read(body);
        } catch (BoundedBody.TooLarge e) {
            res.header(HeaderNames.CONNECTION, "close");
            answer(res, 413, false, 0, 0, e.getMessage() + "; the hub's limit is hub.max-message-bytes = " + maxMessageBytes);
            return;
        } catch (BoundedBody.Undecodable | IllegalArgumentException e) {
            answer(res, 400, false, 0, 0, "not the backend contract's request: " + e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            answer(res, 400, false, 0, 0, "could not read the body: " + e.getMessage());
            return;
        }
        IngestResult result;
        try {
            result = useCase.ingest(new IngestForwardedCommand(member, update, body));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "keeping a forwarded request failed", e);
            result = new IngestResult.RetryLater("the hub failed to keep the request", Optional.empty());
        }
        int events = update.events().size();
        int metrics = update.metrics().size();
        switch (result) {
            case IngestResult.Success s -> answer(res, 200, true, events, metrics, "");
            case IngestResult.PartialSuccess p -> answer(res, 400, false, 0, 0, p.message());
            case IngestResult.RetryLater r -> {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(r.after().map(d -> Math.max(1, d.toSeconds())).orElse(5L)));
                answer(res, 503, false, 0, 0, r.reason());
            }
        }
    }

    private static void answer(ServerResponse res, int status, boolean success, int events, int metrics, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("success", success);
        body.put("eventsProcessed", events);
        body.put("metricsProcessed", metrics);
        body.put("message", message);
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(body.toString());
    }
}
