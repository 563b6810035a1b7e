package dev.ccotel.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.model.SessionSpan;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.model.DecisionCount;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.model.TimelineEvent;
import dev.ccotel.ports.out.ReadUsagePort;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The team dashboard's reads of one session and of the tool decisions, on a real PostgreSQL. */
class PgTimelineTest {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String SESSION = "5b8e0f66-4533-418a-a7ca-9d1306f54b40";

    @Test
    void aSessionsEventsAndSpans_areReadInOrder_spansSentTwiceKeptOnce_andDecisionsCounted() throws Exception {
        try (HubStoreHarness hub = new HubStoreHarness(PG.newDatabase(), Clock.systemUTC())) {
            Member ada = hub.store.members().add("ada", "h", Instant.now()).orElseThrow();
            ExportTraceServiceRequest.Builder traces = ExportTraceServiceRequest.newBuilder();
            JsonFormat.parser().merge(text("traces/0001-traces.json"), traces);
            for (int i = 0; i < 2; i++) {
                assertInstanceOf(IngestResult.Success.class,
                        hub.ingest.traces(ada).ingest(new IngestTracesCommand(traces.build())));
            }
            ExportLogsServiceRequest.Builder logs = ExportLogsServiceRequest.newBuilder();
            JsonFormat.parser().merge(text("traces/0002-logs.json"), logs);
            assertInstanceOf(IngestResult.Success.class, hub.send(ada, logs.build()));
            ReadUsagePort reader = hub.store.usage(PostgresStore.Attribution.MEMBER);

            List<SessionSpan> spans = reader.spans(SESSION, 100);
            assertEquals(List.of("interaction", "llm_request", "tool", "tool.blocked_on_user", "tool.execution",
                    "llm_request"), spans.stream().map(SessionSpan::kind).toList(), "each once, a parent before its child");
            assertEquals(17, spans.get(1).ttftMs().getAsLong());
            assertEquals("accept", spans.get(3).decision());
            assertEquals(2, reader.spans(SESSION, 2).size(), "at most the limit");

            List<TimelineEvent> events = reader.events(SESSION, 100);
            assertTrue(events.stream().map(TimelineEvent::type).toList().containsAll(List.of("user_prompt",
                    "api_request", "tool_decision", "tool_result")), events.toString());
            for (int i = 1; i < events.size(); i++) {
                assertTrue(!events.get(i).at().isBefore(events.get(i - 1).at()), "oldest first");
            }
            TimelineEvent request = events.stream().filter(e -> e.type().equals("api_request")).findFirst().orElseThrow();
            assertTrue(request.tokens().isPresent() && request.costUsd().isPresent(), request.toString());
            assertEquals(List.of(), reader.events("no-such-session", 100));

            List<DecisionCount> decisions = reader.decisions(Instant.EPOCH, Instant.now().plusSeconds(86_400L * 3650));
            assertEquals(1, decisions.size(), decisions.toString());
            assertEquals("accept", decisions.getFirst().decision());
            assertEquals(1, decisions.getFirst().count());
        }
    }

    private static String text(String path) {
        return new String(Captures2_1_332.bytes(path), StandardCharsets.UTF_8);
    }
}
