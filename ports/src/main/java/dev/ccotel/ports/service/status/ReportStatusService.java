package dev.ccotel.ports.service.status;

import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.DaemonStatus.Listener;
import dev.ccotel.ports.in.ReportStatusUseCase;
import dev.ccotel.ports.out.DeliveryStatusPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Assembles the daemon's status from the counters, the delivery out-port and what the app knows of itself. */
public final class ReportStatusService implements ReportStatusUseCase {
    private final String version;
    private final long pid;
    private final Instant startedAt;
    private final Supplier<List<Listener>> listeners;
    private final ExportCounters counters;
    private final DeliveryStatusPort delivery;
    private final Clock clock;

    /** @param listeners asked on every report: the ports are known only once the listeners are bound */
    public ReportStatusService(String version, long pid, Supplier<List<Listener>> listeners, ExportCounters counters,
            DeliveryStatusPort delivery, Clock clock) {
        this.version = Objects.requireNonNull(version, "version");
        this.pid = pid;
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
    }

    @Override
    public DaemonStatus status() {
        Instant now = clock.instant();
        Duration uptime = Duration.between(startedAt, now);
        return new DaemonStatus(version, pid, startedAt, uptime.isNegative() ? Duration.ZERO : uptime,
                listeners.get(), delivery.deliveryStatus(), counters.exports(), counters.spans(),
                counters.lastExport(), counters.skipped());
    }
}
