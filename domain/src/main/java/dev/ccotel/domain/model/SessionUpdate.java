package dev.ccotel.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * One session's update for the backend, from one export: where it runs (host, project), the
 * session with its totals as they now stand, and the events and data points that are new.
 */
public record SessionUpdate(String host, String project, Session session, List<Event> events, List<MetricPoint> metrics) {

    public SessionUpdate {
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
