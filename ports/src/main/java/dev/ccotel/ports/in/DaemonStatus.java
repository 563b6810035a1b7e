package dev.ccotel.ports.in;

import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.ports.model.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running daemon says about itself on {@code /status} and {@code /metrics}. Holds no secret: the
 * backend token is not part of it.
 *
 * @param exports one entry per signal and outcome, zero counts included, in enum order
 * @param lastExportAt when the last export of any signal was answered
 * @param skipped records and data points not forwarded, by reason, zero counts included, in enum order
 */
public record DaemonStatus(String version, long pid, Instant startedAt, Duration uptime, List<Listener> listeners,
        DeliveryStatus delivery, List<ExportCount> exports, long spansCounted, Optional<Instant> lastExportAt,
        Map<SkipReason, Long> skipped) {

    public DaemonStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(uptime, "uptime");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(delivery, "delivery");
        exports = List.copyOf(exports);
        Objects.requireNonNull(lastExportAt, "lastExportAt");
        Map<SkipReason, Long> inOrder = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            inOrder.put(reason, skipped.getOrDefault(reason, 0L));
        }
        skipped = Collections.unmodifiableMap(inOrder);
    }

    public long exports(TelemetrySignal signal, ExportOutcome outcome) {
        return exports.stream().filter(e -> e.signal() == signal && e.outcome() == outcome)
                .mapToLong(ExportCount::count).sum();
    }

    /** One bound listener, e.g. {@code otlp/grpc} on {@code 127.0.0.1:4317}. */
    public record Listener(String protocol, String address) {
        public Listener {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
        }
    }

    public record ExportCount(TelemetrySignal signal, ExportOutcome outcome, long count) {
        public ExportCount {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
