package dev.ccotel.ports.in;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.model.TimelineEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One session as the dashboard's session page shows it: its row of the sessions report (its running
 * totals), its events in order, and its trace's spans (where Claude Code exported traces).
 *
 * @param row empty for a session with events but nothing the reports count
 */
public record SessionDetail(String sessionId, Optional<UsageReport.Row> row, List<TimelineEvent> events,
        List<SessionSpan> spans) {
    public SessionDetail {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(row, "row");
        events = List.copyOf(events);
        spans = List.copyOf(spans);
    }
}
