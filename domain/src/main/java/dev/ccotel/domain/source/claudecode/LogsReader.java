package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.ExportGroups;
import dev.ccotel.domain.Limits;
import dev.ccotel.domain.SessionGroup;
import dev.ccotel.domain.Times;
import dev.ccotel.domain.model.SkipReason;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads a Claude Code logs export into per-session groups of events. */
final class LogsReader {
    /** Claude Code puts this prefix on event names in some places (log body) but not others. */
    static final String EVENT_PREFIX = "claude_code.";

    private final EventReader events;
    private final Clock clock;

    LogsReader(EventReader events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    ExportGroups read(ExportLogsServiceRequest export, ExportGroups.Builder groups) {
        int index = 0;
        for (ResourceLogs resourceLogs : export.getResourceLogsList()) {
            AttributeMap resource = AttributeMap.of(resourceLogs.getResource().getAttributesList());
            boolean claudeCode = SessionAttributes.isClaudeCode(resource);
            for (ScopeLogs scope : resourceLogs.getScopeLogsList()) {
                if (!claudeCode) {
                    groups.skip(SkipReason.NOT_CLAUDE_CODE, scope.getLogRecordsCount());
                    continue;
                }
                for (LogRecord record : scope.getLogRecordsList()) {
                    index++;
                    AttributeMap attrs = AttributeMap.of(record.getAttributesList());
                    String name = eventName(attrs);
                    if (name.isEmpty()) {
                        groups.skip(SkipReason.NO_EVENT_NAME, 1);
                        continue;
                    }
                    String sessionId = SessionAttributes.sessionIdOf(attrs, resource, groups.syntheticSessionId());
                    if (sessionId.length() > Limits.MAX_SESSION_ID) {
                        groups.skip(SkipReason.ID_TOO_LONG, 1);
                        continue;
                    }
                    Instant time = timeOf(record, attrs);
                    SessionGroup group = groups.session(sessionId);
                    SessionAttributes.observe(group, attrs, resource, time);
                    group.add(events.read(sessionId, name, time, record.getTimeUnixNano(),
                            record.getObservedTimeUnixNano(), index, attrs));
                }
            }
        }
        return groups.build();
    }

    /** Claude Code names events {@code user_prompt} in the attribute and {@code claude_code.user_prompt} elsewhere. */
    private static String eventName(AttributeMap attrs) {
        String name = attrs.string("event.name").trim();
        return name.startsWith(EVENT_PREFIX) ? name.substring(EVENT_PREFIX.length()) : name;
    }

    private Instant timeOf(LogRecord record, AttributeMap attrs) {
        if (record.getTimeUnixNano() != 0) {
            return Times.fromUnixNanos(record.getTimeUnixNano());
        }
        if (record.getObservedTimeUnixNano() != 0) {
            return Times.fromUnixNanos(record.getObservedTimeUnixNano());
        }
        String iso = attrs.string("event.timestamp");
        if (!iso.isEmpty()) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException notIso) {
                // fall through to the receiving time: the record is still worth forwarding
            }
        }
        return clock.instant();
    }
}
