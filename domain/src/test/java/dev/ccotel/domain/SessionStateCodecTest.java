package dev.ccotel.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.fixtures.Otlp;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A state survives encode/decode whole: folding after a round trip gives what folding without one gives. */
class SessionStateCodecTest {

    @Test
    void roundTrip_isByteForByte_andFoldsTheSame() {
        for (String scenario : Fixtures.SCENARIOS) {
            SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
            OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));
            mapper.map(Fixtures.pbLogs(scenario));
            String id = allIds(ledger, scenario).iterator().next();
            SessionState state = ledger.states(Set.of(id)).get(id);

            byte[] once = state.encode();
            byte[] twice = SessionState.decode(once).encode();
            assertArrayEquals(once, twice, scenario);

            // Fold the metrics into the decoded copy and into the original: the same requests.
            ExportGroups groups = mapper.group(Fixtures.pbMetrics(scenario));
            Folded a = mapper.fold(groups, Map.of(id, state), ledger.clock().instant(), ledger.trustedSince());
            Folded b = mapper.fold(groups, Map.of(id, SessionState.decode(once)), ledger.clock().instant(),
                    ledger.trustedSince());
            assertEquals(a.result(), b.result(), scenario);
            assertArrayEquals(a.states().get(0).encode(), b.states().get(0).encode(), scenario);
        }
    }

    @Test
    void copy_encodesAsTheOriginal_andFoldingIntoItLeavesTheOriginalAlone() {
        long seed = 20261203L;
        Random random = new Random(seed);
        for (String scenario : Fixtures.SCENARIOS) {
            SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
            OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));
            mapper.map(Fixtures.pbLogs(scenario));
            mapper.map(Fixtures.pbMetrics(scenario));
            String id = allIds(ledger, scenario).iterator().next();
            // Delta points with random windows, so that the copy carries remembered delta windows too.
            for (int i = 0; i < 40; i++) {
                long start = 1_700_000_000_000_000_000L + random.nextInt(20) * 1_000_000_000L;
                mapper.map(Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.token.usage",
                        AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, List.of(Otlp.point(start,
                                start + 1_000_000_000L, random.nextInt(100), Otlp.attrs("session.id", id,
                                        "type", random.nextBoolean() ? "input" : "output")))))));
            }
            SessionState state = ledger.states(Set.of(id)).get(id);
            byte[] before = state.encode();

            SessionState copy = state.copy();
            assertArrayEquals(before, copy.encode(), "seed " + seed + ", " + scenario);
            assertArrayEquals(before, SessionState.decode(before).copy().encode(), "seed " + seed + ", " + scenario);

            long later = 1_800_000_000_000_000_000L;
            ExportGroups more = mapper.group(Otlp.metrics(Otlp.claudeCode(), List.of(Otlp.sum("claude_code.token.usage",
                    AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, List.of(Otlp.point(later,
                            later + 1_000_000_000L, 5, Otlp.attrs("session.id", id, "type", "input")))))));
            // A series the state has already: a copy that shared its series objects would change the original.
            Folded folded = mapper.fold(more, Map.of(id, copy), ledger.clock().instant(), ledger.trustedSince());
            assertEquals(1, folded.states().size(), scenario);
            assertEquals(id, folded.states().get(0).sessionId(), scenario);
            assertTrue(!Arrays.equals(before, folded.states().get(0).encode()), "the fold changed the state: " + scenario);
            assertArrayEquals(before, state.encode(), "the original is untouched: " + scenario);
        }
    }

    @Test
    void truncatedOrForeignBytes_areRefused_neverMisread() {
        SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
        new OtlpMapper(ledger, MappingOptions.privateByDefault("h")).map(Fixtures.pbLogs("write-file"));
        String id = allIds(ledger, "write-file").iterator().next();
        byte[] bytes = ledger.states(Set.of(id)).get(id).encode();
        long seed = 20261202L;
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            byte[] cut = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            assertThrows(IllegalArgumentException.class, () -> SessionState.decode(cut), "seed " + seed);
        }
        byte[] foreign = bytes.clone();
        foreign[0] = 99;
        assertThrows(IllegalArgumentException.class, () -> SessionState.decode(foreign));
    }

    @Test
    void aStateWrittenInVersionOne_isReadAsTheSame_andIsWrittenAgainDeflated_aFifthOfTheSize() {
        for (String scenario : new String[] {"write-file", "bash-tool", "text-reply"}) {
            SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
            OtlpMapper mapper = new OtlpMapper(ledger, MappingOptions.privateByDefault("h"));
            mapper.map(Fixtures.pbLogs(scenario));
            for (String id : allIds(ledger, scenario)) {
                SessionState state = ledger.states(Set.of(id)).get(id);
                byte[] version1 = SessionStateCodec.plain(state);
                byte[] written = state.encode();

                assertEquals(1, version1[0], scenario);
                assertEquals(2, written[0], scenario);
                assertArrayEquals(written, SessionState.decode(version1).encode(), "read the same: " + scenario);
                assertArrayEquals(version1, SessionStateCodec.plain(SessionState.decode(written)), scenario);
                assertTrue(written.length < version1.length, scenario + ": " + written.length + " of " + version1.length);
            }
        }
    }

    @Test
    void deflatedBytesThatAreDamaged_areRefused_neverMisread() {
        SessionLedger ledger = new SessionLedger(FixtureScenariosTest.clockBefore2026());
        new OtlpMapper(ledger, MappingOptions.privateByDefault("h")).map(Fixtures.pbLogs("bash-tool"));
        String id = allIds(ledger, "bash-tool").iterator().next();
        byte[] bytes = ledger.states(Set.of(id)).get(id).encode();
        long seed = 20261207L;
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            byte[] damaged = bytes.clone();
            int at = 1 + random.nextInt(damaged.length - 1);
            damaged[at] ^= (byte) (1 + random.nextInt(255));
            // the zlib stream's header check and Adler-32 cover every byte after the version
            assertThrows(IllegalArgumentException.class, () -> SessionState.decode(damaged), "seed " + seed + ", byte " + at);
        }
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 3);
        assertThrows(IllegalArgumentException.class, () -> SessionState.decode(trailing));
    }

    private static Set<String> allIds(SessionLedger ledger, String scenario) {
        OtlpMapper probe = new OtlpMapper(FixtureScenariosTest.clockBefore2026(), MappingOptions.privateByDefault("h"));
        return probe.group(Fixtures.pbLogs(scenario)).sessionIds();
    }
}
