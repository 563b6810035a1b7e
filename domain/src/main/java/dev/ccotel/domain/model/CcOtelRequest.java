package dev.ccotel.domain.model;

import java.util.List;
import java.util.Objects;

/** What goes to the backend for one session of one export. */
public record CcOtelRequest(String host, String project, Session session, List<Event> events, List<MetricPoint> metrics) {

    public CcOtelRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(session, "session");
        events = List.copyOf(events);
        metrics = List.copyOf(metrics);
    }

    /** Items the backend will count: events plus data points. */
    public int itemCount() {
        return events.size() + metrics.size();
    }
}
