package dev.ccotel.domain.source.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.model.SessionSpan;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What Claude Code 2.1.332's traces hold (fixtures' {@code traces/README.md}). */
class SpanReaderTest {
    private static final String SESSION = "5b8e0f66-4533-418a-a7ca-9d1306f54b40";

    static ExportTraceServiceRequest captured() throws Exception {
        ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
        JsonFormat.parser().merge(new String(Captures2_1_332.bytes("traces/0001-traces.json"), StandardCharsets.UTF_8), b);
        return b.build();
    }

    @Test
    void theSixSpansOfOnePromptAreReadWithWhereTheTimeWent() throws Exception {
        SpanReader.Result read = SpanReader.read(captured());
        assertEquals(0, read.skipped());
        List<SessionSpan> spans = read.spans();
        assertEquals(6, spans.size());
        assertTrue(spans.stream().allMatch(s -> s.sessionId().equals(SESSION)));
        assertEquals(1, spans.stream().map(SessionSpan::traceId).distinct().count(), "one trace");
        Map<String, List<SessionSpan>> byKind = spans.stream().collect(Collectors.groupingBy(SessionSpan::kind));
        SessionSpan interaction = byKind.get("interaction").getFirst();
        assertEquals("", interaction.parentSpanId(), "the root");
        assertEquals(245, interaction.durationMs());
        List<SessionSpan> requests = byKind.get("llm_request");
        assertEquals(List.of("req_msg_0001", "req_msg_0002"), requests.stream().map(SessionSpan::requestId).toList());
        assertEquals(List.of(OptionalLong.of(17), OptionalLong.of(6)), requests.stream().map(SessionSpan::ttftMs).toList());
        assertEquals(List.of(37L, 12L), requests.stream().map(SessionSpan::durationMs).toList(), "36.76 and 12.01 ms");
        assertTrue(requests.stream().allMatch(r -> r.parentSpanId().equals(interaction.spanId())
                && r.model().equals("claude-sonnet-4-5")));
        SessionSpan tool = byKind.get("tool").getFirst();
        assertEquals("Write", tool.tool());
        assertEquals(33, tool.durationMs());
        SessionSpan blocked = byKind.get("tool.blocked_on_user").getFirst();
        assertEquals(tool.spanId(), blocked.parentSpanId());
        assertEquals(20, blocked.durationMs());
        assertEquals("accept", blocked.decision());
        assertEquals("config", blocked.source());
        SessionSpan execution = byKind.get("tool.execution").getFirst();
        assertEquals(13, execution.durationMs());
        assertEquals(Optional.of(true), execution.success());
    }

    @Test
    void aSpanOfNoSessionIsLeftOutAndCounted() throws Exception {
        ExportTraceServiceRequest.Builder b = captured().toBuilder();
        var spans = b.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
        var first = spans.getSpansBuilder(0);
        first.clearAttributes();
        SpanReader.Result read = SpanReader.read(b.build());
        assertEquals(5, read.spans().size());
        assertEquals(1, read.skipped());
        Map<String, SessionSpan> byId = read.spans().stream().collect(Collectors.toMap(SessionSpan::spanId,
                Function.identity()));
        assertEquals(5, byId.size());
    }
}
