package dev.ccotel.ports.service.hub;

import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeepOutcome;
import dev.ccotel.ports.out.KeepSpansPort;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When this hub last kept something new for the record: what the team dashboard's live stream watches,
 * as the daemon's watches its last export. Noted by decorating the hub's two ways into the store (the
 * keeper, which both the backend contract and raw OTLP logs and metrics go through, and the spans of
 * raw traces), after they kept it, so a page that refreshes on the signal reads what was kept. Per hub
 * process: another hub on the same database signals its own pages.
 */
public final class LastKept {
    private final Clock clock;
    private final AtomicReference<Instant> at = new AtomicReference<>();

    public LastKept(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The keeper, noting each export it kept (not one refused or to retry: nothing new to show). */
    public KeepMemberTelemetryPort noting(KeepMemberTelemetryPort keeper) {
        Objects.requireNonNull(keeper, "keeper");
        return (member, export) -> {
            KeepOutcome outcome = keeper.keep(member, export);
            if (outcome instanceof KeepOutcome.Kept) {
                note();
            }
            return outcome;
        };
    }

    /** The spans' store, noting each export of spans it kept (it throws when it kept none). */
    public KeepSpansPort noting(KeepSpansPort spans) {
        Objects.requireNonNull(spans, "spans");
        return list -> {
            spans.keep(list);
            if (!list.isEmpty()) {
                note();
            }
        };
    }

    /** Empty until something is kept. */
    public Optional<Instant> at() {
        return Optional.ofNullable(at.get());
    }

    private void note() {
        at.set(clock.instant());
    }
}
