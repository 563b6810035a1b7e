package dev.ccotel.ports.out;

/**
 * Takes what one export left to keep, before the exporter is answered: the local store commits it
 * durably (and queues its forwards), pure passthrough posts it inside the call. An outcome other
 * than {@link KeepOutcome.RetryLater} means the sessions' new states were kept too; after
 * {@code RetryLater} nothing was, so the exporter's retry counts once. Never throws.
 */
public interface KeepTelemetryPort {
    KeepOutcome keep(KeptExport export);
}
