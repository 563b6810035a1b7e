package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.app.FakeBackend;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claude-Code-shaped exports built in the test (delta temporality like Claude Code, its attribute
 * names), and an oracle: the same exports mapped by a separate {@link OtlpMapper}, which tells the
 * event and metric ids the backend must end up with.
 */
final class ClaudeCodeShapes {
    static final String MODEL = "claude-sonnet-4-5";

    private final Map<String, Integer> sequences = new HashMap<>();
    private long clockNanos = Instant.now().toEpochMilli() * 1_000_000L;

    private long tick() {
        clockNanos += 1_000_000L; // 1 ms apart, so every record and point has its own timestamp
        return clockNanos;
    }

    /** One user turn: user_prompt, api_request, tool_result, with their sequence numbers. */
    ExportLogsServiceRequest turn(String sessionId, double cost) {
        List<LogRecord> records = new ArrayList<>();
        for (String name : List.of("user_prompt", "api_request", "tool_result")) {
            long t = tick();
            int seq = sequences.merge(sessionId, 1, Integer::sum);
            List<io.opentelemetry.proto.common.v1.KeyValue> a = new ArrayList<>(attrs("session.id", sessionId,
                    "user.id", "u-1", "terminal.type", "vscode", "event.name", name,
                    "event.timestamp", Instant.ofEpochSecond(0, t).toString(), "event.sequence", seq,
                    "prompt.id", sessionId + "-p" + seq));
            switch (name) {
                case "user_prompt" -> a.addAll(attrs("prompt_length", 42, "prompt", "secret prompt " + seq));
                case "api_request" -> a.addAll(attrs("model", MODEL, "cost_usd", cost, "duration_ms", 900,
                        "input_tokens", 100, "output_tokens", 20));
                default -> a.addAll(attrs("tool_name", "Bash", "success", "true", "duration_ms", 12));
            }
            records.add(Otlp.event(t, a));
        }
        return Otlp.logs(Otlp.claudeCode(), records);
    }

    /** The matching delta metrics: cost and input/output tokens of one API call. */
    ExportMetricsServiceRequest usage(String sessionId, double cost, long input, long output) {
        long start = tick();
        long t = tick();
        Metric costMetric = Otlp.sum("claude_code.cost.usage", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                List.of(Otlp.point(start, t, cost, attrs("session.id", sessionId, "model", MODEL))));
        Metric tokens = Otlp.sum("claude_code.token.usage", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
                List.of(Otlp.point(start, t, input, attrs("session.id", sessionId, "model", MODEL, "type", "input")),
                        Otlp.point(start, t, output, attrs("session.id", sessionId, "model", MODEL, "type", "output"))));
        return Otlp.metrics(Otlp.claudeCode(), List.of(costMetric, tokens));
    }

    /** What the backend must receive for the exports the daemon answered OK, in the order sent. */
    static final class Oracle {
        private final OtlpMapper mapper;
        final Set<String> eventIds = new LinkedHashSet<>();
        final Set<String> metricIds = new LinkedHashSet<>();
        /** sessionId -> the session object of the last request mapped (running totals). */
        final Map<String, JsonNode> lastSession = new HashMap<>();

        Oracle(MappingOptions options) {
            mapper = new OtlpMapper(new SessionLedger(Clock.systemUTC()), options);
        }

        Oracle() {
            this(MappingOptions.privateByDefault("test-host"));
        }

        void sent(ExportLogsServiceRequest export) {
            mapper.map(export).requests().forEach(this::collect);
        }

        void sent(ExportMetricsServiceRequest export) {
            mapper.map(export).requests().forEach(this::collect);
        }

        private void collect(SessionUpdate request) {
            JsonNode body;
            try {
                body = FakeBackend.JSON.readTree(BackendJson.toJson(request));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body.path("events").forEach(e -> eventIds.add(e.get("eventId").asText()));
            body.path("metrics").forEach(m -> metricIds.add(m.get("metricId").asText()));
            lastSession.put(body.at("/session/sessionId").asText(), body.get("session"));
        }
    }
}
