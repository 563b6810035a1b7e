package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.SessionGroup;
import java.time.Instant;

/**
 * Where Claude Code's OTLP export keeps the facts of a session: which resource is Claude Code's,
 * the session id, the project and the host. The one place these names are read, so the fold and
 * the state stay in no source's words.
 */
final class SessionAttributes {
    static final String CLAUDE_CODE_SERVICE = "claude-code";

    private SessionAttributes() {}

    static boolean isClaudeCode(AttributeMap resource) {
        return CLAUDE_CODE_SERVICE.equals(resource.string("service.name"));
    }

    /** The record's {@code session.id}, the resource's, or else {@code synthetic}. */
    static String sessionIdOf(AttributeMap record, AttributeMap resource, String synthetic) {
        String id = record.string("session.id");
        if (id.isEmpty()) {
            id = resource.string("session.id");
        }
        return id.isEmpty() ? synthetic : id;
    }

    /** Tells the group what one record or point says about its session. */
    static void observe(SessionGroup group, AttributeMap record, AttributeMap resource, Instant time) {
        String project = projectOf(record);
        if (project.isEmpty()) {
            project = projectOf(resource);
        }
        group.observe(IdentityReader.read(record, resource), project, resource.string("host.name"), time);
    }

    /** The project is only known from what Claude Code reports, never from where ccotel runs. */
    private static String projectOf(AttributeMap attrs) {
        return attrs.firstString("project", "project.path", "pwd");
    }
}
