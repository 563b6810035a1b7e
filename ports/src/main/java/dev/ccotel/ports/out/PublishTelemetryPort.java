package dev.ccotel.ports.out;

import dev.ccotel.domain.model.CcOtelRequest;

/** Delivers one backend request. Implementations classify every failure; they do not throw. */
public interface PublishTelemetryPort {
    PublishOutcome publish(CcOtelRequest request);
}
