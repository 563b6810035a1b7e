package dev.ccotel.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One span of a session's trace, as the session page shows it: where time went. Only ids, names and
 * figures are kept, never text a user or model wrote (the interaction span's prompt stays behind).
 *
 * @param kind what the span is: {@code interaction}, {@code llm_request}, {@code tool},
 *     {@code tool.blocked_on_user}, {@code tool.execution}, or another name the source gave
 * @param parentSpanId empty for the trace's root
 * @param ttftMs an LLM request's time to its first token
 * @param tool the tool's name, for a tool span
 * @param decision a permission wait's outcome ({@code accept}, {@code reject}), and {@code source} who decided
 */
public record SessionSpan(String sessionId, String traceId, String spanId, String parentSpanId, String kind,
        Instant start, Instant end, String model, String requestId, String tool, String decision, String source,
        Optional<Boolean> success, OptionalLong ttftMs) {
    public SessionSpan {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(parentSpanId, "parentSpanId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(ttftMs, "ttftMs");
    }

    /** From the span's own start and end, to the nearest millisecond. */
    public long durationMs() {
        return Math.max(0, Math.round(java.time.Duration.between(start, end).toNanos() / 1e6));
    }
}
