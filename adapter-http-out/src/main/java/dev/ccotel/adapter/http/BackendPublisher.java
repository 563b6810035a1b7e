package dev.ccotel.adapter.http;

import dev.ccotel.ports.out.PublishTelemetryPort;

/**
 * The assembled backend publisher (HTTP, retry, spool) as the app holds it: publish, report what
 * waits in the spool, and close on shutdown after the gRPC server has stopped taking exports.
 */
public interface BackendPublisher extends PublishTelemetryPort, AutoCloseable {
    /** Bytes of requests waiting in the spool for the backend; 0 when the spool is disabled. */
    long spooledBytes();

    /** Requests waiting in the spool for the backend; 0 when the spool is disabled. */
    long spooledRecords();

    /** Stops the drainer (spooled data stays for the next run) and closes the HTTP client. Never throws. */
    @Override
    void close();
}
