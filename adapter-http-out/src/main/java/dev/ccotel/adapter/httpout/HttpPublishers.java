package dev.ccotel.adapter.httpout;

import dev.ccotel.adapter.httpout.client.BackendClient;
import dev.ccotel.adapter.httpout.client.HttpBackendPublisher;
import dev.ccotel.adapter.httpout.client.HttpOutConfig;
import dev.ccotel.adapter.httpout.client.RetryingPublisher;
import java.time.Clock;

/**
 * Assembles the backend publisher the way the Collector wraps an exporter: HTTP at the core, and
 * for passthrough a retrying layer around it. The outbox forwarder needs no retrying layer: it
 * keeps what the backend cannot take and does its own, slower, backoff.
 */
public final class HttpPublishers {
    private HttpPublishers() {}

    /** One POST per publish: for the outbox forwarder. */
    public static BackendClient direct(HttpOutConfig config) {
        return new HttpBackendPublisher(config, Clock.systemUTC());
    }

    /** Retries inside the exporter's call, within {@code delivery.retry-budget}: for pure passthrough. */
    public static BackendClient retrying(HttpOutConfig config) {
        return RetryingPublisher.around(new HttpBackendPublisher(config, Clock.systemUTC()), config.retryBudget(),
                Clock.systemUTC());
    }
}
