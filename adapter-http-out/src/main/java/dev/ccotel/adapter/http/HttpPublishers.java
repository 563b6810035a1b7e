package dev.ccotel.adapter.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * Assembles the backend publisher the way the Collector wraps an exporter: HTTP at the core,
 * retries around it, the durable spool outermost. The spool's drainer talks to the HTTP core
 * directly, since it has its own, slower, backoff.
 */
public final class HttpPublishers {
    static final Duration DRAIN_FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration DRAIN_MAX_BACKOFF = Duration.ofMinutes(1);

    private HttpPublishers() {}

    /**
     * Builds the publisher and starts the spool's drainer, which first re-sends whatever an earlier
     * run left in the spool. Close it on shutdown.
     *
     * @throws IllegalStateException when the spool is enabled but its folder cannot be used
     */
    public static BackendPublisher start(HttpOutConfig config) {
        return start(config, Clock.systemUTC(), Sleeper.REAL, DRAIN_FIRST_BACKOFF, DRAIN_MAX_BACKOFF);
    }

    static BackendPublisher start(HttpOutConfig config, Clock clock, Sleeper sleeper, Duration drainFirstBackoff,
            Duration drainMaxBackoff) {
        HttpBackendPublisher http = new HttpBackendPublisher(config, clock);
        RetryingPublisher retrying = new RetryingPublisher(http, config.retryBudget(), clock, sleeper, new Random());
        if (!config.spool().enabled()) {
            return new SpoolingPublisher(retrying, null, null, http);
        }
        SpoolStore store;
        try {
            store = SpoolStore.open(config.spool(), clock);
        } catch (IOException | RuntimeException e) {
            http.close();
            throw new IllegalStateException("cannot open the delivery spool in " + config.spool().directory() + ": "
                    + e.getMessage() + " (fix that folder, or set delivery.spool.enabled: false)", e);
        }
        SpoolDrainer drainer = new SpoolDrainer(store, http, drainFirstBackoff, drainMaxBackoff);
        drainer.start();
        return new SpoolingPublisher(retrying, store, drainer, http);
    }
}
