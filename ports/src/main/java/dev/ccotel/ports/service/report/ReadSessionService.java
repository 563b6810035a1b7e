package dev.ccotel.ports.service.report;

import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.in.ReadSessionUseCase;
import dev.ccotel.ports.in.SessionDetail;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.model.TimelineEvent;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session's events, and its row of the sessions report read over the days its events span (so a long
 * history is not read for one session): the same totals as {@code report sessions}.
 */
public final class ReadSessionService implements ReadSessionUseCase {
    /** A session page shows this many events at most: a day-long session has a few thousand. */
    public static final int MAX_EVENTS = 5_000;

    private final ReadUsagePort store;
    private final ReportUsageService reports;
    private final ZoneId zone;

    public ReadSessionService(ReadUsagePort store, Clock clock, ZoneId zone) {
        this.store = Objects.requireNonNull(store, "store");
        this.reports = new ReportUsageService(store, clock);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Optional<SessionDetail> session(String sessionId) {
        List<TimelineEvent> events = store.events(sessionId, MAX_EVENTS);
        List<SessionSpan> spans = store.spans(sessionId, MAX_EVENTS);
        if (events.isEmpty() && spans.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = LocalDate.ofInstant(events.isEmpty() ? spans.getFirst().start() : events.getFirst().at(), zone);
        LocalDate last = LocalDate.ofInstant(events.isEmpty() ? spans.getLast().end() : events.getLast().at(), zone);
        UsageReport sessions = reports.report(new UsageQuery(UsageQuery.Grouping.SESSIONS, Optional.of(first.minusDays(1)),
                Optional.of(last.plusDays(1)), zone, Optional.empty(), true));
        Optional<UsageReport.Row> row = sessions.rows().stream().filter(r -> r.key().equals(sessionId)).findFirst();
        return Optional.of(new SessionDetail(sessionId, row, events, spans));
    }
}
