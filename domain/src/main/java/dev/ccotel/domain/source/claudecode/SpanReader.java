package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.model.SessionSpan;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Claude Code's traces (its enhanced-telemetry beta: {@code CLAUDE_CODE_ENHANCED_TELEMETRY_BETA=1} with
 * {@code OTEL_TRACES_EXPORTER}) as session spans: the interaction of each prompt, its LLM requests (time to
 * first token), its tools, and for each tool the wait for the user's permission and its own run. A span
 * without a {@code session.id} (on the span or its resource) belongs to no session and is left out, and so
 * is every attribute that could hold text a person or the model wrote.
 */
public final class SpanReader {
    private static final String PREFIX = "claude_code.";
    private static final HexFormat HEX = HexFormat.of();

    private SpanReader() {
    }

    /** The session spans of one export, in its order; {@code skipped} counts the spans of no session. */
    public static Result read(ExportTraceServiceRequest request) {
        List<SessionSpan> spans = new ArrayList<>();
        long skipped = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            AttributeMap resource = AttributeMap.of(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    AttributeMap a = AttributeMap.of(span.getAttributesList());
                    String session = a.firstString("session.id", "gen_ai.conversation.id");
                    if (session.isEmpty()) {
                        session = resource.string("session.id");
                    }
                    if (session.isEmpty() || span.getSpanId().isEmpty()) {
                        skipped++;
                        continue;
                    }
                    spans.add(new SessionSpan(session, HEX.formatHex(span.getTraceId().toByteArray()),
                            HEX.formatHex(span.getSpanId().toByteArray()), HEX.formatHex(span.getParentSpanId().toByteArray()),
                            kind(span.getName(), a), instant(span.getStartTimeUnixNano()), instant(span.getEndTimeUnixNano()),
                            a.firstString("model", "gen_ai.request.model"), a.firstString("request_id", "gen_ai.response.id"),
                            a.firstString("tool_name", "gen_ai.tool.name"), a.string("decision"), a.string("source"),
                            a.boolValue("success"), a.longValue("ttft_ms")));
                }
            }
        }
        return new Result(spans, skipped);
    }

    /** The span's {@code span.type}, else its name without Claude Code's prefix. */
    private static String kind(String name, AttributeMap a) {
        String type = a.string("span.type");
        if (!type.isEmpty()) {
            return type;
        }
        return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    }

    private static Instant instant(long unixNanos) {
        return Instant.ofEpochSecond(0, unixNanos);
    }

    /** The spans kept, and how many belonged to no session. */
    public record Result(List<SessionSpan> spans, long skipped) {
        public Result {
            spans = List.copyOf(spans);
        }
    }
}
