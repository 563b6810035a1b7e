package dev.ccotel.adapter.httpout.client;

import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import dev.ccotel.ports.out.PublishOutcome.Rejected;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import dev.ccotel.ports.out.PublishOutcome.TokenRefused;
import java.time.Duration;
import java.util.Optional;

/**
 * The status table, as the Collector's OTLP exporter reads it: 2xx delivered; 408, 429 and 5xx
 * are worth retrying; any other 4xx means the data itself was refused and re-sending cannot help.
 * Redirects are not followed (the token must not travel elsewhere) and, like anything else
 * unclassified, count as retry-later so that the outbox keeps the data until backend.url is fixed.
 * A refused token (401/403) is a setup problem, not bad data: it is kept too.
 */
final class StatusClassifier {
    private StatusClassifier() {}

    /**
     * @param errorBody at most a bounded snippet of the response body, already made printable
     * @param retryAfter the parsed {@code Retry-After} header, if any
     */
    static PublishOutcome classify(int status, String reasonPhrase, String errorBody, Optional<Duration> retryAfter,
            int itemCount) {
        String statusText = "HTTP " + status + (reasonPhrase.isBlank() ? "" : " " + reasonPhrase);
        String detail = errorBody.isBlank() ? "" : ": " + errorBody;
        if (status >= 200 && status < 300) {
            return new Accepted();
        }
        if (status == 401 || status == 403) {
            return new TokenRefused("backend refused the token (" + statusText + "); check backend.token" + detail);
        }
        if (status == 429 || status == 503) {
            return new RetryLater("backend answered " + statusText + detail, retryAfter);
        }
        if (status == 408 || status >= 500 && status < 600) {
            return new RetryLater("backend answered " + statusText + detail, Optional.empty());
        }
        if (status >= 400 && status < 500) {
            return new Rejected(itemCount, "backend rejected the request (" + statusText + ")" + detail);
        }
        if (status >= 300 && status < 400) {
            return new RetryLater("backend answered " + statusText + " (a redirect, not followed): point backend.url"
                    + " at the final address", Optional.empty());
        }
        return new RetryLater("backend answered unexpected " + statusText + detail, Optional.empty());
    }
}
