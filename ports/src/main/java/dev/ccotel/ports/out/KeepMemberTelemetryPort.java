package dev.ccotel.ports.out;

import dev.ccotel.ports.model.Member;

/**
 * The hub's store: keeps an export as {@link KeepTelemetryPort} does, attributed to the member who
 * sent it (and the machine, which every request names). Kept once by the records' ids, so a daemon's
 * retry or the same session arriving by two paths count once. Never throws.
 */
public interface KeepMemberTelemetryPort {
    KeepOutcome keep(Member member, KeptExport export);
}
