package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccotel.app.FakeBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same outage with the OpenTelemetry Java SDK's OTLP/gRPC exporters as the client: a meter
 * provider and a logger provider shaped like Claude Code's (service.name claude-code, delta
 * temporality, claude_code.cost.usage and claude_code.token.usage with session.id, model, type;
 * user_prompt and api_request events with session.id and event.sequence). The backend refuses
 * connections for {@code -Dccotel.outage.seconds} and comes back; every export succeeds and the
 * backend ends up with every event and every unit of cost and tokens.
 */
class OtelSdkOutageTest {
    private static final AttributeKey<String> SESSION = AttributeKey.stringKey("session.id");
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");
    private static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");
    private static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");
    private static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("event.sequence");
    /**
     * How long the SDK waits for one export's answer. Far above the 30 s a real exporter allows: the
     * test asks whether the daemon ever refuses or loses an export, not how fast a busy two-core
     * machine answers (at load 16 the SDK's own 30 s ran out while the daemon was still working).
     */
    private static final Duration SDK_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path home;
    @TempDir
    Path spool;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;

    /** Counts how the SDK's own export calls ended: the SDK does not retry what the daemon answered. */
    static final class Outcomes {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        CompletableResultCode watch(CompletableResultCode result) {
            result.whenComplete(() -> (result.isSuccess() ? ok : failed).incrementAndGet());
            return result;
        }
    }

    record CountingMetricExporter(MetricExporter delegate, Outcomes outcomes) implements MetricExporter {
        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return outcomes.watch(delegate.export(metrics));
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return delegate.getAggregationTemporality(type);
        }

        @Override
        public Aggregation getDefaultAggregation(InstrumentType type) {
            return delegate.getDefaultAggregation(type);
        }

        @Override
        public MemoryMode getMemoryMode() {
            return delegate.getMemoryMode();
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    record CountingLogExporter(LogRecordExporter delegate, Outcomes outcomes) implements LogRecordExporter {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            return outcomes.watch(delegate.export(logs));
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    @Test
    void sdkExporters_backendRefusesConnectionsForAWhile_thenComesBack_nothingLost() {
        outage(AggregationTemporalitySelector.deltaPreferred(), false);
    }

    /** The SDK's OTLP/HTTP exporters (http/protobuf) against the daemon's HTTP listener, through the same outage. */
    @Test
    void sdkHttpProtobufExporters_sameOutage_nothingLost() {
        outage(AggregationTemporalitySelector.deltaPreferred(), true);
    }

    /** The SDK's default temporality: the daemon's ledger turns running sums into deltas. */
    @Test
    void sdkExportersWithCumulativeTemporality_sameOutage_nothingLostNorCountedTwice() {
        outage(AggregationTemporalitySelector.alwaysCumulative(), false);
    }

    private void outage(AggregationTemporalitySelector temporality, boolean overHttp) {
        daemon = fixture.start(Map.of(
                "delivery.mode", "store",
                "store.path", spool.resolve("ccotel.db").toString(),
                "delivery.retry-budget", "500ms"));
        String endpoint = "http://127.0.0.1:" + daemon.port();
        String httpEndpoint = "http://127.0.0.1:" + daemon.httpPort();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "claude-code",
                AttributeKey.stringKey("service.version"), "2.1.328")));
        Outcomes metricOutcomes = new Outcomes();
        Outcomes logOutcomes = new Outcomes();
        SdkMeterProvider meters = SdkMeterProvider.builder().setResource(resource)
                .registerMetricReader(PeriodicMetricReader.builder(new CountingMetricExporter(overHttp
                                ? OtlpHttpMetricExporter.builder().setEndpoint(httpEndpoint + "/v1/metrics")
                                        .setTimeout(SDK_TIMEOUT).setAggregationTemporalitySelector(temporality)
                                        .build()
                                : OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).setTimeout(SDK_TIMEOUT)
                                        .setAggregationTemporalitySelector(temporality)
                                        .build(), metricOutcomes))
                        .setInterval(Duration.ofMillis(250)).build())
                .build();
        SdkLoggerProvider loggers = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(new CountingLogExporter(overHttp
                                ? OtlpHttpLogRecordExporter.builder().setEndpoint(httpEndpoint + "/v1/logs")
                                        .setTimeout(SDK_TIMEOUT).build()
                                : OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).setTimeout(SDK_TIMEOUT)
                                        .build(), logOutcomes))
                        .setScheduleDelay(Duration.ofMillis(200)).setExporterTimeout(SDK_TIMEOUT).build())
                .build();

        Meter meter = meters.get("com.anthropic.claude_code");
        DoubleCounter cost = meter.counterBuilder("claude_code.cost.usage").setUnit("USD").ofDoubles().build();
        DoubleCounter tokens = meter.counterBuilder("claude_code.token.usage").setUnit("tokens").ofDoubles().build();
        Logger events = loggers.get("com.anthropic.claude_code.events");
        List<String> sessions = List.of("55555555-0000-4000-8000-000000000001", "55555555-0000-4000-8000-000000000002");
        long[] sequence = new long[sessions.size()];
        double costRecorded = 0;
        long inputRecorded = 0;
        int prompts = 0;
        Set<String> eventsEmitted = new HashSet<>();

        long outageStart = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        long outageEnd = outageStart + Duration.ofSeconds(OutageTest.OUTAGE_SECONDS).toNanos();
        long stopAt = outageEnd + Duration.ofMillis(1_500).toNanos();
        boolean down = false;
        boolean backUp = false;
        for (int turn = 0; turn < 100_000 && System.nanoTime() < stopAt; turn++) {
            long now = System.nanoTime();
            if (!down && now >= outageStart) {
                backend.down();
                down = true;
            } else if (down && !backUp && now >= outageEnd) {
                backend.up();
                backUp = true;
            }
            int s = turn % sessions.size();
            String session = sessions.get(s);
            double c = 0.0005 * (1 + turn % 5);
            cost.add(c, Attributes.of(SESSION, session, MODEL, ClaudeCodeShapes.MODEL));
            tokens.add(100, Attributes.of(SESSION, session, MODEL, ClaudeCodeShapes.MODEL, TYPE, "input"));
            tokens.add(20, Attributes.of(SESSION, session, MODEL, ClaudeCodeShapes.MODEL, TYPE, "output"));
            costRecorded += c;
            inputRecorded += 100;
            for (String name : List.of("user_prompt", "api_request")) {
                long seq = sequence[s]++;
                events.logRecordBuilder().setBody("claude_code." + name).setTimestamp(Instant.now())
                        .setAllAttributes(Attributes.builder().put(SESSION, session).put(EVENT_NAME, name)
                                .put(SEQUENCE, seq).put("event.timestamp", Instant.now().toString())
                                .put("prompt_length", 10).put("model", ClaudeCodeShapes.MODEL).build())
                        .emit();
                eventsEmitted.add(session + "#" + seq);
            }
            prompts++;
            FakeBackend.sleep(100);
        }
        assertTrue(backUp, "the loop ran through the outage");
        assertTrue(meters.shutdown().join(SDK_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS).isSuccess(), "metrics flushed");
        assertTrue(loggers.shutdown().join(SDK_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS).isSuccess(), "logs flushed");
        assertEquals(0, metricOutcomes.failed.get() + logOutcomes.failed.get(),
                "every SDK export was answered OK (metrics ok " + metricOutcomes.ok + ", logs ok " + logOutcomes.ok + ")");

        double expectedCost = costRecorded;
        long expectedInput = inputRecorded;
        boolean all = FakeBackend.await(OutageTest.DELIVERY_DEADLINE, () -> {
            Set<String> seen = new HashSet<>();
            for (FakeBackend.Received r : backend.accepted()) {
                JsonNode body = r.json();
                String sid = body.at("/session/sessionId").asText();
                body.path("events").forEach(e -> seen.add(sid + "#" + e.get("sequence").asLong()));
            }
            return seen.containsAll(eventsEmitted) && Math.abs(sum("cost_usage", null) - expectedCost) < 1e-9
                    && Math.round(sum("token_usage", "input")) == expectedInput;
        });
        assertTrue(all, "events emitted " + eventsEmitted.size() + ", event ids accepted "
                + backend.acceptedEventIds().size() + "; cost " + expectedCost + " vs " + sum("cost_usage", null)
                + "; input tokens " + expectedInput + " vs " + sum("token_usage", "input"));
        assertEquals(eventsEmitted.size(), backend.acceptedEventIds().size(), "one id per event, none invented");

        double maxCost = 0;
        int maxPrompts = 0;
        for (String session : sessions) {
            double sessionMaxCost = 0;
            int sessionMaxPrompts = 0;
            for (FakeBackend.Received r : backend.accepted()) {
                JsonNode body = r.json().get("session");
                if (body.get("sessionId").asText().equals(session)) {
                    sessionMaxCost = Math.max(sessionMaxCost, body.path("totalCostUsd").asDouble());
                    sessionMaxPrompts = Math.max(sessionMaxPrompts, body.path("totalPrompts").asInt());
                }
            }
            maxCost += sessionMaxCost;
            maxPrompts += sessionMaxPrompts;
        }
        assertEquals(expectedCost, maxCost, 1e-9, "session cost totals");
        assertEquals(prompts, maxPrompts, "session prompt totals");
        System.out.printf("[reliability] OTel SDK " + (overHttp ? "http/protobuf" : "grpc") + " (" + (temporality.getAggregationTemporality(InstrumentType.COUNTER)) + "): outage of %d s; %d metric and %d log exports all OK; %d events, "
                        + "%d metric points delivered by id; $%.4f and %d input tokens accounted for%n",
                OutageTest.OUTAGE_SECONDS, metricOutcomes.ok.get(), logOutcomes.ok.get(), eventsEmitted.size(),
                backend.acceptedMetricIds().size(), expectedCost, expectedInput);
    }

    private double sum(String metricType, String tokenType) {
        double total = 0;
        for (JsonNode m : backend.acceptedMetricsById().values()) {
            if (m.get("metricType").asText().equals(metricType)
                    && (tokenType == null || m.path("tokenType").asText().equals(tokenType))) {
                total += m.get("value").asDouble();
            }
        }
        return total;
    }
}
