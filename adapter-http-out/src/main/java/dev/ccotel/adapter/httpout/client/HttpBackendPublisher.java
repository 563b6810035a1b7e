package dev.ccotel.adapter.httpout.client;

import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import dev.ccotel.ports.out.PublishOutcome.Rejected;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One POST per request to {@code {backend.url}/api/v1/cc/otel}, classified by {@link StatusClassifier}.
 * The client is built once, so connections are kept alive and reused between exports. Never throws.
 */
public final class HttpBackendPublisher implements BackendClient {
    private static final System.Logger LOG = System.getLogger(HttpBackendPublisher.class.getName());
    /** Enough of an error body to explain it; more is never read, whatever the backend sends. */
    static final int MAX_ERROR_BODY = 1024;
    private static final int MAX_SUCCESS_BODY = 64 * 1024;

    private final WebClient client;
    private final String token;
    private final Clock clock;

    public HttpBackendPublisher(HttpOutConfig config, Clock clock) {
        this.token = config.token();
        this.clock = clock;
        this.client = WebClient.builder()
                .baseUri(config.endpoint())
                .connectTimeout(config.timeout())
                .readTimeout(config.timeout())
                // A redirect would carry the token to an address the user never configured.
                .followRedirects(false)
                .addHeader(HeaderNames.AUTHORIZATION, "CLI " + config.token())
                .addHeader(HeaderNames.USER_AGENT, "ccotel/" + config.userAgentVersion())
                .addHeader(HeaderNames.ACCEPT, "application/json")
                .connectionListener(new HandshakeTimeout(config.timeout()))
                .build();
    }

    @Override
    public PublishOutcome publish(EncodedRequest request) {
        int itemCount = request.itemCount();
        try (HttpClientResponse response = client.post().contentType(MediaTypes.APPLICATION_JSON)
                .submit(request.body())) {
            PublishOutcome outcome = outcome(response, itemCount);
            if (outcome instanceof Rejected rejected) {
                LOG.log(Level.WARNING, "backend rejected {0} item(s): {1}", itemCount, rejected.message());
            } else if (outcome instanceof RetryLater later) {
                LOG.log(Level.DEBUG, "backend cannot take the request now: {0}", later.reason());
            }
            return outcome;
        } catch (RuntimeException e) {
            // Helidon reports connection refused, timeouts and TLS failures as unchecked exceptions.
            return new RetryLater("backend unreachable: " + describe(e), Optional.empty());
        }
    }

    private PublishOutcome outcome(HttpClientResponse response, int itemCount) {
        int status = response.status().code();
        if (status == 204) {
            return new Accepted(); // "No Content" carries no answer by definition: the status is the whole answer
        }
        if (status >= 200 && status < 300) {
            byte[] body = read(response, MAX_SUCCESS_BODY);
            return switch (BackendJson.answerIn(body)) {
                case BackendJson.Answer.Taken taken -> new Accepted();
                // A backend that says it dropped the data has not taken it, whatever its status says.
                case BackendJson.Answer.Refused refused -> new Rejected(itemCount, "backend answered HTTP " + status
                        + " with success=false" + (refused.message().isBlank() ? "" : ": " + printable(refused.message())));
                // A captive portal or a proxy answers 200 too: only the contract's answer says the data arrived.
                case BackendJson.Answer.NotTheContract other -> new RetryLater("backend answered HTTP " + status
                        + " without the contract's answer ({\"success\": ...}), so the request waits and is sent again;"
                        + " is backend.url a ccotel backend? The body began: " + snippet(body), Optional.empty());
            };
        }
        String body = printable(new String(read(response, MAX_ERROR_BODY), StandardCharsets.UTF_8));
        Optional<Duration> retryAfter = response.headers().first(HeaderNames.RETRY_AFTER)
                .flatMap(v -> RetryAfter.parse(v, clock));
        return StatusClassifier.classify(status, response.status().reasonPhrase(), body, retryAfter, itemCount);
    }

    /**
     * At most {@code limit} bytes. The stream is left open on purpose: closing the response then drops
     * a connection with unread body instead of draining whatever the backend still sends.
     */
    private static byte[] read(HttpClientResponse response, int limit) {
        try {
            InputStream in = response.inputStream();
            return in.readNBytes(limit);
        } catch (IOException | RuntimeException e) {
            return new byte[0]; // the status already says what happened; the body only adds detail
        }
    }

    private String snippet(byte[] body) {
        String text = printable(new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8));
        return text.isEmpty() ? "(empty)" : "'" + text + "'";
    }

    /** One line, no control characters, and never the token, even if a backend echoes it back. */
    private String printable(String text) {
        return text.replace(token, HttpOutConfig.maskToken(token)).replaceAll("\\p{Cntrl}+", " ").strip();
    }

    /** The exception and its root cause in words; a cause without a message is named by its class. */
    static String describe(Throwable e, java.util.function.UnaryOperator<String> printable) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root.getClass().getSimpleName().equals("InsufficientDataAvailableException")) {
            // Helidon's word for a kept-alive connection that the backend closed (it went down).
            return printable.apply("the backend closed the connection before it answered");
        }
        String top = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String text = root == e ? top
                : top + " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": "
                        + root.getMessage()) + ")";
        return printable.apply(text);
    }

    private String describe(Throwable e) {
        return describe(e, this::printable);
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
