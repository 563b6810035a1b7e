package dev.ccotel.domain;

import static dev.ccotel.domain.fixtures.Otlp.attrs;
import static dev.ccotel.domain.fixtures.Otlp.claudeCode;
import static dev.ccotel.domain.fixtures.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.SessionTotals;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same usage exported as DELTA and as CUMULATIVE (with growing totals, and sometimes a
 * restarted exporter whose totals start again) must forward the same deltas and end with the same
 * session totals. Seeded: a failure names its seed. Increments are multiples of 1/1024, so that
 * cumulative differences are exact in binary floating point and equality can be asserted exactly.
 */
class TemporalityTest {
    private static final long T0 = 1_795_706_896_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** One series of the generated session: metric name plus its distinguishing attributes. */
    record Series(String metric, Object[] attributes) {}

    static final List<Series> SERIES = List.of(
            new Series("claude_code.cost.usage", new Object[] {"model", "claude-sonnet-4-5"}),
            new Series("claude_code.cost.usage", new Object[] {"model", "claude-haiku-4-5"}),
            new Series("claude_code.token.usage", new Object[] {"model", "claude-sonnet-4-5", "type", "input"}),
            new Series("claude_code.token.usage", new Object[] {"model", "claude-sonnet-4-5", "type", "output"}),
            new Series("claude_code.token.usage", new Object[] {"model", "claude-sonnet-4-5", "type", "cacheRead"}),
            new Series("claude_code.token.usage", new Object[] {"model", "claude-sonnet-4-5", "type", "cacheCreation"}),
            new Series("claude_code.lines_of_code.count", new Object[] {"type", "added"}),
            new Series("claude_code.lines_of_code.count", new Object[] {"type", "removed"}),
            new Series("claude_code.commit.count", new Object[] {}),
            new Series("claude_code.pull_request.count", new Object[] {}),
            new Series("claude_code.active_time.total", new Object[] {"type", "cli"}));

    static Stream<Long> seeds() {
        return LongStream.range(0, 200).mapToObj(i -> 0x5EEDL * 31 + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cumulativeAndDeltaExportsForwardTheSameDeltasAndTotals(long seed) {
        Random random = new Random(seed);
        int steps = 1 + random.nextInt(8);
        double[][] increments = new double[steps][SERIES.size()];
        for (double[] step : increments) {
            for (int s = 0; s < step.length; s++) {
                step[s] = random.nextInt(3) == 0 ? 0 : (1 + random.nextInt(4096)) / 1024.0;
            }
        }
        int restartAt = random.nextInt(steps + 2); // beyond the last step: no restart

        OtlpMapper deltaMapper = mapper();
        OtlpMapper cumulativeMapper = mapper();
        double[] cumulative = new double[SERIES.size()];
        boolean[] seen = new boolean[SERIES.size()];
        long start = T0;
        for (int step = 0; step < steps; step++) {
            long time = T0 + (step + 1) * 10 * SECOND;
            if (step == restartAt) { // the exporter restarted: a new start time, totals from zero
                start = time - 5 * SECOND;
                cumulative = new double[SERIES.size()];
                seen = new boolean[SERIES.size()];
            }
            List<Metric> delta = new ArrayList<>();
            List<Metric> cumul = new ArrayList<>();
            for (int s = 0; s < SERIES.size(); s++) {
                double inc = increments[step][s];
                cumulative[s] += inc;
                seen[s] |= inc > 0;
                if (inc > 0) {
                    delta.add(metric(s, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, time - 10 * SECOND, time, inc));
                }
                if (seen[s]) {
                    cumul.add(metric(s, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, start, time, cumulative[s]));
                }
            }
            MappingResult fromDelta = deltaMapper.map(Otlp.metrics(claudeCode(), delta));
            MappingResult fromCumulative = cumulativeMapper.map(Otlp.metrics(claudeCode(), cumul));

            String context = "seed " + seed + ", step " + step;
            assertEquals(forwarded(fromDelta), forwarded(fromCumulative), context);
            assertEquals(totals(fromDelta), totals(fromCumulative), context);
        }
    }

    private static OtlpMapper mapper() {
        return new OtlpMapper(new SessionLedger(FixtureScenariosTest.clockBefore2026()),
                MappingOptions.privateByDefault("host"));
    }

    private static Metric metric(int s, AggregationTemporality temporality, long start, long time, double value) {
        Series series = SERIES.get(s);
        List<Object> kv = new ArrayList<>(List.of("session.id", "s-1", "user.id", "u"));
        kv.addAll(List.of(series.attributes()));
        NumberDataPoint p = point(start, time, value, attrs(kv.toArray()));
        return Otlp.sum(series.metric(), temporality, List.of(p));
    }

    /** The forwarded points without their ids (which rightly differ: the intervals differ), sorted. */
    private static List<String> forwarded(MappingResult result) {
        return result.requests().stream()
                .flatMap(r -> r.metrics().stream())
                .map(m -> String.join("|", m.metricType().wireName(), m.model(), m.tokenType(), m.linesType(),
                        Double.toString(m.value()), m.timestamp().toString()))
                .sorted()
                .toList();
    }

    private static SessionTotals totals(MappingResult result) {
        assertTrue(result.requests().size() <= 1);
        return result.requests().stream().findFirst().map(SessionUpdate::session).map(s -> s.totals()).orElse(null);
    }


}
