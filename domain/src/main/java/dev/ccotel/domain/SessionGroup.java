package dev.ccotel.domain;

import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.SessionIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one export holds for one session, gathered before the ledger is consulted: the facts every
 * source yields, in no source's words. A source's reader knows where its format keeps the session's
 * identity, project and host, and hands them over here; the fold never reads an attribute name.
 */
public final class SessionGroup {
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

    /**
     * One record's or point's view of the session. Identity facts fill in what is still unknown; the
     * first non-empty project and host win (the source reports them, never where ccotel runs), cut
     * to {@link Limits#MAX_TEXT} since the state keeps them for the whole session.
     *
     * @param time when the record or point says it happened: the session started no later
     */
    public void observe(SessionIdentity seen, String seenProject, String seenHost, Instant time) {
        identity = identity.updatedBy(seen);
        if (project.isEmpty()) {
            project = Limits.cut(seenProject);
        }
        if (host.isEmpty()) {
            host = Limits.cut(seenHost);
        }
        earliest = Times.earlier(earliest, time);
    }

    /** An event of the session, in export order. */
    public void add(Event event) {
        events.add(event);
    }

    /** A data point of the session, as exported; the fold turns it into a delta. */
    public void add(RawPoint point) {
        points.add(point);
    }
}
