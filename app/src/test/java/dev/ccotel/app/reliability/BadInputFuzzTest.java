package dev.ccotel.app.reliability;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccotel.app.FakeBackend;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over real gRPC to the in-process daemon, from seeded generators: random bytes,
 * truncated and bit-flipped captured exports, deeply nested values, huge strings, NaN and infinite
 * values, negative and far-future timestamps, thousands of sessions in one export, values of the
 * wrong type under known keys. Each case gets a deadline and must get a status (never INTERNAL or
 * UNKNOWN, never the deadline); everything the backend receives is JSON with a session id; a normal
 * export still succeeds afterwards.
 *
 * <p>{@code -Dccotel.fuzz.cases=N} (default 500) and {@code -Dccotel.fuzz.seed=S} (default: random,
 * printed). A failing case prints the seed and its index; case {@code i} uses {@code seed + i}.
 */
class BadInputFuzzTest {
    private static final int CASES = Integer.getInteger("ccotel.fuzz.cases", 500);
    private static final long SEED = Long.getLong("ccotel.fuzz.seed", new Random().nextLong());
    private static final int DEADLINE_SECONDS = 20;

    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], byte[]> LOGS = raw(LogsServiceGrpc.SERVICE_NAME);
    private static final MethodDescriptor<byte[], byte[]> METRICS = raw(MetricsServiceGrpc.SERVICE_NAME);

    private static MethodDescriptor<byte[], byte[]> raw(String service) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
    }

    @TempDir
    Path home;

    @RegisterExtension
    final DaemonFixture fixture = new DaemonFixture(() -> home);
    private final FakeBackend backend = fixture.backend;
    private DaemonHarness daemon;
    private final List<byte[]> fixtureLogs = new ArrayList<>();
    private final List<byte[]> fixtureMetrics = new ArrayList<>();

    record Case(String kind, boolean logs, byte[] body) {}

    @Test
    void badInput_neverCrashesOrHangsTheDaemon_andNothingMalformedIsForwarded() {
        // Prompts and tool input forwarded, so odd text reaches the JSON encoder too.
        daemon = fixture.start(Map.of("backend.timeout", "5s",
                "privacy.forward-prompts", "true", "privacy.forward-tool-input", "true"));
        for (String s : Fixtures.SCENARIOS) {
            fixtureLogs.add(Fixtures.bytes(Fixtures.pb(s, "0001-logs.pb")));
            fixtureMetrics.add(Fixtures.bytes(Fixtures.pb(s, "0002-metrics.pb")));
        }
        Map<String, Map<Status.Code, Integer>> outcomes = new TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            Random random = new Random(SEED + i);
            Case c = generate(random, i);
            Status.Code code;
            try {
                ClientCalls.blockingUnaryCall(daemon.channel, c.logs() ? LOGS : METRICS,
                        CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS), c.body());
                code = Status.Code.OK;
            } catch (StatusRuntimeException e) {
                code = e.getStatus().getCode();
                if (code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN) {
                    throw new AssertionError("case " + i + " (" + c.kind() + ") of seed " + SEED + ": " + e.getStatus()
                            + "; reproduce with -Dccotel.fuzz.seed=" + SEED + " -Dccotel.fuzz.cases=" + (i + 1), e);
                }
            }
            outcomes.computeIfAbsent(c.kind(), k -> new TreeMap<>()).merge(code, 1, Integer::sum);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        List<FakeBackend.Received> got = backend.received();
        for (FakeBackend.Received r : got) {
            JsonNode body;
            try {
                body = r.json();
            } catch (UncheckedIOException e) {
                throw new AssertionError("seed " + SEED + ": the backend got a body that is not JSON: "
                        + r.body().substring(0, Math.min(500, r.body().length())), e);
            }
            assertFalse(body.at("/session/sessionId").asText().isEmpty(), "seed " + SEED + ": no session id in "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
        int before = backend.accepted().size();
        daemon.export(Fixtures.pbLogs("write-file"));
        assertEquals(before + 1, backend.accepted().size(), "a normal export still goes through");
        System.out.printf("[reliability] fuzz: %d cases in %d ms, seed %d, %d backend requests all JSON with a "
                + "session id; outcomes %s%n", CASES, ms, SEED, got.size(), outcomes);
    }

    private Case generate(Random r, int index) {
        if (index == 0) {
            return manySessions(r, 2_000);
        }
        int kind = r.nextInt(11);
        return switch (kind) {
            case 0 -> {
                byte[] b = new byte[r.nextInt(2_048)];
                r.nextBytes(b);
                yield new Case("random-bytes", r.nextBoolean(), b);
            }
            case 1 -> {
                boolean logs = r.nextBoolean();
                byte[] f = pick(r, logs);
                yield new Case("truncated", logs, java.util.Arrays.copyOf(f, r.nextInt(f.length)));
            }
            case 2, 3 -> {
                boolean logs = r.nextBoolean();
                byte[] f = pick(r, logs).clone();
                int flips = 1 + r.nextInt(8);
                for (int k = 0; k < flips; k++) {
                    int bit = r.nextInt(f.length * 8);
                    f[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                yield new Case("bit-flipped", logs, f);
            }
            case 4 -> new Case("deep-anyvalue", true, deepEvent(r, 1 + r.nextInt(r.nextBoolean() ? 60 : 3_000)));
            case 5 -> {
                String huge = randomString(r, 1 + (r.nextInt(10) == 0 ? r.nextInt(1_500_000) : r.nextInt(100_000)));
                yield new Case("huge-string", true, Otlp.logs(Otlp.claudeCode(), List.of(Otlp.event(now(),
                        withValue(baseEvent(r), r.nextBoolean() ? "prompt" : "tool_input",
                                AnyValue.newBuilder().setStringValue(huge).build())))).toByteArray());
            }
            case 6 -> new Case("non-finite", false, Otlp.metrics(Otlp.claudeCode(), List.of(
                    Otlp.sum(r.nextBoolean() ? "claude_code.cost.usage" : "claude_code.token.usage",
                            r.nextBoolean() ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                                    : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                            List.of(Otlp.point(now(), now(), odd(r), attrs("session.id", session(r), "model", "m",
                                    "type", "input")))))).toByteArray());
            case 7 -> {
                List<KeyValue> a = baseEvent(r);
                a = withValue(a, "cost_usd", AnyValue.newBuilder().setDoubleValue(odd(r)).build());
                a = withValue(a, "duration_ms", AnyValue.newBuilder().setDoubleValue(odd(r)).build());
                yield new Case("non-finite-attribute", true, Otlp.logs(Otlp.claudeCode(),
                        List.of(Otlp.event(now(), a))).toByteArray());
            }
            case 8 -> {
                long t = oddTime(r);
                boolean logs = r.nextBoolean();
                byte[] body = logs
                        ? Otlp.logs(Otlp.claudeCode(), List.of(LogRecord.newBuilder().setTimeUnixNano(t)
                                .setObservedTimeUnixNano(oddTime(r)).addAllAttributes(withValue(baseEvent(r),
                                        "event.timestamp", AnyValue.newBuilder().setStringValue(r.nextBoolean()
                                                ? "+999999999-12-31T23:59:59Z" : "-1000000-01-01T00:00:00Z").build()))
                                .build())).toByteArray()
                        : Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.cost.usage",
                                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, List.of(
                                        NumberDataPoint.newBuilder().setStartTimeUnixNano(oddTime(r)).setTimeUnixNano(t)
                                                .setAsDouble(r.nextDouble()).addAllAttributes(attrs("session.id",
                                                        session(r), "model", "m")).build())))).toByteArray();
                yield new Case("odd-timestamps", logs, body);
            }
            case 9 -> r.nextInt(10) == 0 ? manySessions(r, 100 + r.nextInt(400)) : wrongTypes(r);
            default -> wrongTypes(r);
        };
    }

    /** Values of unexpected types under the keys the mapper reads. */
    private Case wrongTypes(Random r) {
        List<KeyValue> a = baseEvent(r);
        for (String key : List.of("session.id", "event.sequence", "cost_usd", "duration_ms", "success", "input_tokens",
                "tool_parameters", "prompt_length", "event.timestamp", "status_code", "model")) {
            if (r.nextInt(3) == 0) {
                a = withValue(a, key, randomValue(r));
            }
        }
        if (r.nextBoolean()) {
            return new Case("wrong-types", true, Otlp.logs(r.nextInt(4) == 0
                    ? Otlp.resource("claude-code", "session.id", "") : Otlp.claudeCode(),
                    List.of(Otlp.event(now(), a))).toByteArray());
        }
        Metric m = Metric.newBuilder().setName(r.nextBoolean() ? "claude_code.token.usage" : "claude_code.lines_of_code.count")
                .setSum(io.opentelemetry.proto.metrics.v1.Sum.newBuilder()
                        .setAggregationTemporalityValue(r.nextInt(5) - 1)
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(now()).setAsInt(r.nextLong())
                                .addAttributes(KeyValue.newBuilder().setKey("session.id").setValue(randomValue(r)))
                                .addAttributes(KeyValue.newBuilder().setKey("type").setValue(randomValue(r)))))
                .build();
        return new Case("wrong-types", false, Otlp.metrics(Otlp.claudeCode(), List.of(m)).toByteArray());
    }

    private static Case manySessions(Random r, int n) {
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(Otlp.event(now(), attrs("session.id", "many-" + r.nextLong() + "-" + i, "event.name",
                    "user_prompt", "event.sequence", i, "prompt_length", 3)));
        }
        return new Case("many-sessions", true, Otlp.logs(Otlp.claudeCode(), records).toByteArray());
    }

    private byte[] pick(Random r, boolean logs) {
        List<byte[]> from = logs ? fixtureLogs : fixtureMetrics;
        return from.get(r.nextInt(from.size()));
    }

    private static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private static String session(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "";
            case 1 -> randomString(r, r.nextInt(300));
            default -> "fuzz-" + r.nextInt(50);
        };
    }

    private static List<KeyValue> baseEvent(Random r) {
        String[] names = {"user_prompt", "api_request", "tool_result", "tool_decision", "api_error", "something_new", ""};
        return attrs("session.id", session(r), "event.name", names[r.nextInt(names.length)], "event.sequence",
                r.nextInt(), "prompt_length", r.nextInt(), "tool_name", "Bash", "success", "true",
                "tool_parameters", "{\"bash_command\":\"echo\"}");
    }

    private static List<KeyValue> withValue(List<KeyValue> attributes, String key, AnyValue value) {
        List<KeyValue> out = new ArrayList<>(attributes.stream().filter(kv -> !kv.getKey().equals(key)).toList());
        out.add(KeyValue.newBuilder().setKey(key).setValue(value).build());
        return out;
    }

    /**
     * A logs export whose event has a tool_parameters value nested {@code depth} levels deep, encoded
     * by hand: protobuf-java itself overflows its stack serialising very deep messages.
     */
    private static byte[] deepEvent(Random r, int depth) {
        byte[] value = AnyValue.newBuilder().setStringValue("leaf").build().toByteArray();
        for (int i = 0; i < depth; i++) {
            if (r.nextBoolean()) {
                value = field(5, field(1, value)); // AnyValue.array_value { values }
            } else {
                byte[] kv = concat(field(1, ("k" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)), field(2, value));
                value = field(6, field(1, kv)); // AnyValue.kvlist_value { values: KeyValue { key, value } }
            }
        }
        byte[] attribute = concat(field(1, "tool_parameters".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                field(2, value));
        byte[] record = concat(Otlp.event(now(), baseEvent(r)).toByteArray(), field(6, attribute));
        byte[] scopeLogs = field(2, record);
        byte[] resourceLogs = concat(field(1, Otlp.claudeCode().toByteArray()), field(2, scopeLogs));
        return field(1, resourceLogs);
    }

    private static byte[] field(int number, byte[] payload) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(payload.length + 8);
        varint(out, (number << 3) | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void varint(java.io.ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static AnyValue randomValue(Random r) {
        AnyValue.Builder b = AnyValue.newBuilder();
        switch (r.nextInt(8)) {
            case 0 -> b.setStringValue(randomString(r, r.nextInt(64)));
            case 1 -> b.setIntValue(r.nextLong());
            case 2 -> b.setDoubleValue(odd(r));
            case 3 -> b.setBoolValue(r.nextBoolean());
            case 4 -> b.setBytesValue(com.google.protobuf.ByteString.copyFrom(new byte[r.nextInt(16)]));
            case 5 -> b.setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setIntValue(1)));
            case 6 -> b.setKvlistValue(KeyValueList.newBuilder());
            default -> { } // an AnyValue with nothing set
        }
        return b.build();
    }

    private static double odd(Random r) {
        double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, -1.0, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.MIN_VALUE, 1e300, r.nextDouble()};
        return odd[r.nextInt(odd.length)];
    }

    private static long oddTime(Random r) {
        long[] odd = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L, -now(), now() * 10, 253_402_300_800_000_000L};
        return odd[r.nextInt(odd.length)];
    }

    /** Random text including surrogates, control characters and invalid halves. */
    private static String randomString(Random r, int length) {
        if (length > 10_000) {
            return "\u00e9\ud83d\ude00\u0000\"\\".repeat(length / 6 + 1).substring(0, length);
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) (r.nextInt(10) == 0 ? r.nextInt(0x10000) : 0x20 + r.nextInt(0x5f)));
        }
        return sb.toString();
    }
}
