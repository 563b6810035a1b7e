package dev.ccotel.ports.service.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeepOutcome;
import dev.ccotel.ports.out.KeepSpansPort;
import dev.ccotel.ports.out.KeptExport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LastKeptTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Member ADA = new Member(1, "ada", NOW);
    private static final KeptExport EXPORT = new KeptExport(List.of(), List.of());

    private final LastKept lastKept = new LastKept(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anExportKept_isNoted_oneRefusedOrToRetry_isNot() {
        assertEquals(Optional.empty(), lastKept.at());
        lastKept.noting((KeepMemberTelemetryPort) (m, e) -> new KeepOutcome.RetryLater("down", Optional.empty()))
                .keep(ADA, EXPORT);
        lastKept.noting((KeepMemberTelemetryPort) (m, e) -> new KeepOutcome.Rejected(1, "bad")).keep(ADA, EXPORT);
        assertEquals(Optional.empty(), lastKept.at(), "nothing new to show");

        KeepOutcome outcome = lastKept.noting((KeepMemberTelemetryPort) (m, e) -> new KeepOutcome.Kept()).keep(ADA, EXPORT);
        assertEquals(new KeepOutcome.Kept(), outcome, "the keeper's answer is passed on");
        assertEquals(Optional.of(NOW), lastKept.at());
    }

    @Test
    void spansKept_areNoted_noSpansOrSpansTheStoreCouldNotKeep_areNot() {
        KeepSpansPort failing = spans -> {
            throw new IllegalStateException("disk full");
        };
        assertThrows(IllegalStateException.class, () -> lastKept.noting(failing).keep(List.of()));
        lastKept.noting((KeepSpansPort) spans -> {}).keep(List.of());
        assertEquals(Optional.empty(), lastKept.at(), "an export without spans keeps nothing new");

        lastKept.noting((KeepSpansPort) spans -> {}).keep(List.of(new SessionSpan("s", "t", "p", "", "interaction", NOW,
                NOW, "", "", "", "", "", Optional.empty(), OptionalLong.empty())));
        assertEquals(Optional.of(NOW), lastKept.at());
    }
}
