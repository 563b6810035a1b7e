package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Otlp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectSummaryTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void inspect_endsWithOneLineOfWhatWasNotForwarded_byReason_spansIncluded() throws Exception {
        Path logs = home.resolve("0001-logs.pb");
        Files.write(logs, Otlp.logs(Otlp.resource("some-other-service"), List.of(
                Otlp.event(1_795_706_896_000_000_000L, Otlp.attrs("event.name", "x")),
                Otlp.event(1_795_706_896_000_000_000L, Otlp.attrs("event.name", "y")))).toByteArray());
        Path traces = home.resolve("0002-traces.pb");
        Files.write(traces, ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName("a"))
                        .addSpans(Span.newBuilder().setName("b")))).build().toByteArray());

        int code = Cli.run(new String[] {"inspect", logs.toString(), traces.toString()}, Map.of("HOME", home.toString()),
                Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, code);
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("ccotel inspect: not forwarded: 2 record(s) or point(s) (not_claude_code 2); 2 span(s) counted, "
                + "never forwarded", lines.getLast(), lines::toString);
    }

    @Test
    void nothingSkipped_noSummary() {
        assertTrue(InspectCommand.summary(Map.of(), 0).isEmpty());
    }
}
