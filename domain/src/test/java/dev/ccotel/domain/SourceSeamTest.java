package dev.ccotel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.domain.model.SessionIdentity;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.SkipReason;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A source other than Claude Code's OTLP (here a stand-in for a transcript reader, with no OTLP and
 * no attribute names) fills {@link ExportGroups} through the public builder and gets the same fold:
 * the seam a new source plugs into, without touching the source-neutral domain.
 */
class SourceSeamTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final SessionIdentity IDENTITY =
            new SessionIdentity("2.1.332", "org", "acct", "user", "vscode", "2.1.332", "linux", "6.1", "amd64");

    @Test
    void aSecondSourcesFacts_foldIntoTheSameRequest() {
        ExportGroups.Builder reading = ExportGroups.reading(T0.getEpochSecond(), "transcript-1");
        SessionGroup group = reading.session("s-1");
        group.observe(IDENTITY, "/work/project", "", T0.plusSeconds(5));
        group.observe(SessionIdentity.EMPTY, "/elsewhere", "laptop", T0); // first project wins, earliest time wins
        group.add(event("e-1", T0.plusSeconds(5)));
        group.add(new RawPoint(MetricType.COST_USAGE, "cost", false, 0, 1, 0.25, "m-1", T0.plusSeconds(5),
                MetricLabels.NONE));
        reading.skip(SkipReason.NO_EVENT_NAME, 2);
        reading.skip(SkipReason.INVALID_VALUE, 0);

        Folded folded = new ExportFold("this-host").fold(reading.build(), Map.of(), T0.plusSeconds(9), T0);

        SessionUpdate update = folded.result().requests().getFirst();
        assertEquals("laptop", update.host());
        assertEquals("/work/project", update.project());
        assertEquals(IDENTITY, update.session().identity());
        assertEquals(T0, update.session().startedAt());
        assertEquals("e-1", update.events().getFirst().eventId());
        assertEquals(0.25, update.metrics().getFirst().value());
        assertEquals(Map.of(SkipReason.NO_EVENT_NAME, 2L), folded.result().skipped());
        assertEquals("s-1", folded.states().getFirst().sessionId());
    }

    @Test
    void recordsWithoutASessionId_goToTheRunsSyntheticSession() {
        ExportGroups.Builder reading = ExportGroups.reading(42, "transcript-1");
        reading.session(reading.syntheticSessionId()).add(event("e-1", T0));

        ExportGroups groups = reading.build();

        assertEquals("transcript-1", groups.origin());
        assertTrue(groups.syntheticSessionId().orElseThrow().startsWith("nosession-42-"));
    }

    private static Event event(String id, Instant at) {
        return new Event(id, "user_prompt", at, OptionalLong.empty(), "", OptionalLong.empty(), "",
                Event.ApiCall.NONE, Event.ToolUse.NONE, Event.Prompt.NONE, Map.of());
    }
}
