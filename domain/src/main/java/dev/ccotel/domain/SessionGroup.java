package dev.ccotel.domain;

import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.SessionIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one export holds for one session, gathered before the ledger is consulted. */
final class SessionGroup {
    final String sessionId;
    SessionIdentity identity = SessionIdentity.EMPTY;
    String project = "";
    String host = "";
    Instant earliest;
    final List<Event> events = new ArrayList<>();
    final List<RawPoint> points = new ArrayList<>();

    SessionGroup(String sessionId) {
        this.sessionId = sessionId;
    }

    void observe(AttributeMap record, AttributeMap resource, Instant time) {
        identity = identity.updatedBy(IdentityReader.read(record, resource));
        if (project.isEmpty()) {
            project = projectOf(record);
            if (project.isEmpty()) {
                project = projectOf(resource);
            }
            project = Limits.cut(project);
        }
        if (host.isEmpty()) {
            host = Limits.cut(resource.string("host.name"));
        }
        earliest = Times.earlier(earliest, time);
    }

    /** The project is only known from what Claude Code reports, never from where ccotel runs. */
    private static String projectOf(AttributeMap attrs) {
        return attrs.firstString("project", "project.path", "pwd");
    }

    /** The record's {@code session.id}, the resource's, or else {@code synthetic}. */
    static String sessionIdOf(AttributeMap record, AttributeMap resource, String synthetic) {
        String id = record.string("session.id");
        if (id.isEmpty()) {
            id = resource.string("session.id");
        }
        return id.isEmpty() ? synthetic : id;
    }
}
