package dev.ccotel.adapter.httpout;

import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.Event;
import dev.ccotel.domain.model.MetricLabels;
import dev.ccotel.domain.model.MetricPoint;
import dev.ccotel.domain.model.MetricType;
import dev.ccotel.domain.model.Session;
import dev.ccotel.domain.model.SessionIdentity;
import dev.ccotel.domain.model.SessionTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Hand-built requests for the tests: one that fills every field, and small ones that differ by id. */
public final class Requests {
    public static final Instant STARTED = Instant.parse("2026-01-02T03:04:05.678Z");
    public static final Instant AT = Instant.parse("2026-01-02T03:05:00.999Z");

    private Requests() {}

    public static SessionUpdate everyField() {
        Session session = new Session("sess-1", new SessionIdentity("2.1.328", "org-1", "acct-1", "user-1",
                "iTerm.app", "2.1.328", "darwin", "24.5.0", "arm64"), STARTED,
                new SessionTotals(3, 4, 5, 1.25, 100, 200, 300, 400, 10, 2, 1, 1, 61.9));
        Event known = new Event("evt-1", "api_request", AT, OptionalLong.of(7), "prompt-1", OptionalLong.of(1500),
                "boom",
                new Event.ApiCall("claude-opus-4", OptionalDouble.of(0.0123), OptionalLong.of(11),
                        OptionalLong.of(22), OptionalLong.of(0), OptionalLong.of(44), OptionalLong.of(529),
                        OptionalLong.of(2)),
                new Event.ToolUse("Bash", Optional.of(false), "accept", "config",
                        Optional.of("{\"command\":\"ls -la\",\"timeout\":5}"), Optional.of("ls -la"),
                        OptionalLong.of(6), "TypeScript"),
                new Event.Prompt(OptionalLong.of(42), Optional.of("hello \"world\"\nbye")),
                Map.of("request_id", "req_1", "ttft_ms", 12L, "cache_creation_5m_tokens", 30L));
        Event unknown = new Event("evt-2", "hook_ran", AT, OptionalLong.empty(), "", OptionalLong.empty(), "",
                Event.ApiCall.NONE,
                new Event.ToolUse("", Optional.empty(), "", "", Optional.of("not json {"), Optional.empty(),
                        OptionalLong.empty(), ""),
                Event.Prompt.NONE, Map.of("hook", "pre", "count", 3L, "ratio", 0.5, "ok", true,
                        "tags", List.of("a", 1L), "nested", Map.of("k", "v")));
        return new SessionUpdate("laptop", "/home/me/proj", session, List.of(known, unknown), List.of(
                new MetricPoint("m-1", MetricType.SESSION_COUNT, AT, 1,
                        new MetricLabels("", "", "", "", "", "", "", "resume")),
                metric("m-2", MetricType.TOKEN_USAGE, 123, "claude-opus-4", "input", "", "", "", "", ""),
                metric("m-3", MetricType.COST_USAGE, 0.0123, "claude-opus-4", "", "", "", "", "", ""),
                metric("m-4", MetricType.LINES_OF_CODE_COUNT, 10, "", "", "added", "", "", "", ""),
                metric("m-5", MetricType.COMMIT_COUNT, 1, "", "", "", "", "", "", ""),
                metric("m-6", MetricType.PULL_REQUEST_COUNT, 1, "", "", "", "", "", "", ""),
                metric("m-7", MetricType.ACTIVE_TIME_TOTAL, 12.5, "", "", "", "", "", "cli", ""),
                metric("m-8", MetricType.CODE_EDIT_TOOL_DECISION, 0, "", "", "", "Edit", "accept", "config",
                        "Python")));
    }

    /** {@link #everyField()} under a synthetic session id, as records without a {@code session.id} get. */
    public static SessionUpdate synthetic() {
        SessionUpdate r = everyField();
        Session s = r.session();
        Session synthetic = new Session("nosession-1767323045-grpc-7", s.identity(), s.startedAt(), s.totals());
        return new SessionUpdate(r.host(), r.project(), synthetic, r.events(), r.metrics());
    }

    /** A request with nothing but ids: every optional field absent or empty. */
    public static SessionUpdate bare(String sessionId) {
        Session session = new Session(sessionId, SessionIdentity.EMPTY, STARTED, SessionTotals.ZERO);
        return new SessionUpdate("laptop", "unknown", session, List.of(), List.of());
    }

    /** A small request with one event, so that it has an item count of 1. */
    public static SessionUpdate withEvent(String eventId) {
        Event event = new Event(eventId, "user_prompt", AT, OptionalLong.empty(), "", OptionalLong.empty(), "",
                Event.ApiCall.NONE, Event.ToolUse.NONE, new Event.Prompt(OptionalLong.of(5), Optional.empty()),
                Map.of());
        SessionUpdate bare = bare("sess-1");
        return new SessionUpdate(bare.host(), bare.project(), bare.session(), List.of(event), List.of());
    }

    static MetricPoint metric(String id, MetricType type, double value, String model, String tokenType,
            String linesType, String tool, String decision, String source, String language) {
        return new MetricPoint(id, type, AT, value,
                new MetricLabels(model, tokenType, linesType, tool, decision, source, language, ""));
    }
}
