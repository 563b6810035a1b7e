package dev.ccotel.ports.in;

/**
 * The hub's side of the backend contract: a daemon already folded the session, so its request is
 * kept as it is, attributed to the member, once by its events' and data points' ids.
 */
public interface IngestForwardedUseCase {
    IngestResult ingest(IngestForwardedCommand command);
}
