package dev.ccotel.adapter.httpout.client;

import dev.ccotel.ports.out.PublishTelemetryPort;

/** The backend publisher as the app holds it: publish, and close the HTTP client on shutdown. */
public interface BackendClient extends PublishTelemetryPort, AutoCloseable {
    /** Closes the HTTP client. Never throws. */
    @Override
    void close();
}
