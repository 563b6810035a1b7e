package dev.ccotel.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ccotel.domain.fixtures.Fixtures;
import java.util.Arrays;
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

    private static Set<String> allIds(SessionLedger ledger, String scenario) {
        OtlpMapper probe = new OtlpMapper(FixtureScenariosTest.clockBefore2026(), MappingOptions.privateByDefault("h"));
        return probe.group(Fixtures.pbLogs(scenario)).sessionIds();
    }
}
