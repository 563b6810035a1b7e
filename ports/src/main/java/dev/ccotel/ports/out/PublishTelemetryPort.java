package dev.ccotel.ports.out;

/** Delivers one encoded request to the backend. Implementations classify every failure; they do not throw. */
public interface PublishTelemetryPort {
    PublishOutcome publish(EncodedRequest request);
}
