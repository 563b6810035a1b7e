package dev.ccotel.app.perf;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The domain's cost against its floor, on one thread (so per core). One operation handles the whole
 * workload: the four fixture exports of one signal, or one synthetic export (1,000 log records or
 * 5,000 data points over 10 sessions).
 *
 * <ul>
 *   <li>{@code parse}: protobuf bytes to the OTLP request, alone;
 *   <li>{@code map}: {@link OtlpMapper#map} of the parsed request, through one long-lived ledger;
 *   <li>{@code serialize}: {@link BackendJson#toJson} of the mapped backend requests, alone;
 *   <li>{@code pipeline}: all three in a row, as the daemon does per export.
 * </ul>
 *
 * Warm-up is long on purpose: on two shared cores C2 needs 10-15 s to reach the steady state.
 *
 * <p>The ledger lives for the whole trial, so after the first operation every export is a re-send:
 * events are not counted again and delta points take the replay branch. That is the same work as a
 * fresh export except for a few additions to the totals.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MappingBench {
    /** fixtures = the four captured exports of that signal; synthetic = one large export. */
    @Param({"fixtures", "synthetic"})
    public String workload;

    @Param({"logs", "metrics"})
    public String signal;

    private byte[][] bytes;
    private List<Object> parsed;
    private List<SessionUpdate> mapped;
    private OtlpMapper mapper;

    @Setup
    public void setUp() {
        long base = 1_795_706_896_000_000_000L;
        boolean logs = signal.equals("logs");
        List<? extends com.google.protobuf.Message> exports;
        if (workload.equals("fixtures")) {
            exports = logs ? Workloads.fixtureLogs() : Workloads.fixtureMetrics();
        } else {
            exports = List.of(logs ? Workloads.syntheticLogs("bench0000", 10, 1_000, base)
                    : Workloads.syntheticMetrics("bench0000", 10, 5_000, base));
        }
        bytes = new byte[exports.size()][];
        parsed = new ArrayList<>();
        int records = 0;
        for (int i = 0; i < exports.size(); i++) {
            bytes[i] = exports.get(i).toByteArray();
            parsed.add(exports.get(i));
            records += logs ? Workloads.logRecords((ExportLogsServiceRequest) exports.get(i))
                    : Workloads.dataPoints((ExportMetricsServiceRequest) exports.get(i));
        }
        mapper = new OtlpMapper(new SessionLedger(Clock.systemUTC()), MappingOptions.privateByDefault("bench-host"));
        mapped = new ArrayList<>();
        int events = 0;
        int points = 0;
        long jsonBytes = 0;
        for (Object p : parsed) {
            for (SessionUpdate r : map(p).requests()) {
                mapped.add(r);
                events += r.events().size();
                points += r.metrics().size();
                jsonBytes += BackendJson.toJson(r).length;
            }
        }
        long protoBytes = 0;
        for (byte[] b : bytes) {
            protoBytes += b.length;
        }
        System.out.printf("%n[workload] %s/%s: %d exports, %d records/op, %d protobuf bytes/op -> %d requests, "
                + "%d events, %d metrics, %d JSON bytes/op%n", workload, signal, bytes.length, records, protoBytes,
                mapped.size(), events, points, jsonBytes);
    }

    private MappingResult map(Object export) {
        return export instanceof ExportLogsServiceRequest l ? mapper.map(l) : mapper.map((ExportMetricsServiceRequest) export);
    }

    private Object parse(byte[] b) throws InvalidProtocolBufferException {
        return signal.equals("logs") ? ExportLogsServiceRequest.parseFrom(b) : ExportMetricsServiceRequest.parseFrom(b);
    }

    @Benchmark
    public void parse(Blackhole bh) throws InvalidProtocolBufferException {
        for (byte[] b : bytes) {
            bh.consume(parse(b));
        }
    }

    @Benchmark
    public void map(Blackhole bh) {
        for (Object p : parsed) {
            bh.consume(map(p));
        }
    }

    @Benchmark
    public void serialize(Blackhole bh) {
        for (SessionUpdate r : mapped) {
            bh.consume(BackendJson.toJson(r));
        }
    }

    @Benchmark
    public void pipeline(Blackhole bh) throws InvalidProtocolBufferException {
        for (byte[] b : bytes) {
            for (SessionUpdate r : map(parse(b)).requests()) {
                bh.consume(BackendJson.toJson(r));
            }
        }
    }
}
