package dev.ccotel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for the whole mapping on real data: each captured Claude Code scenario (logs then
 * metrics, one ledger) must give exactly the backend bodies checked in under
 * {@code src/test/resources/golden}. After a deliberate contract change, regenerate them with
 * {@code mvn -pl app test -Dtest=FixtureGoldenTest -Dccotel.golden.update=true} and review the diff.
 */
class FixtureGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    static List<String> scenarios() {
        return Fixtures.SCENARIOS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioMapsToTheGoldenBackendBodies(String scenario) throws IOException {
        OtlpMapper mapper = new OtlpMapper(
                new SessionLedger(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)),
                MappingOptions.privateByDefault("golden-host"));
        List<SessionUpdate> requests = new ArrayList<>(mapper.map(Fixtures.pbLogs(scenario)).requests());
        requests.addAll(mapper.map(Fixtures.pbMetrics(scenario)).requests());
        StringBuilder actual = new StringBuilder();
        for (SessionUpdate request : requests) {
            actual.append(BackendJson.toJsonString(request)).append('\n');
        }

        Path golden = GOLDEN.resolve(scenario + ".jsonl");
        if (Boolean.getBoolean("ccotel.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        List<String> expectedLines = Files.readAllLines(golden, StandardCharsets.UTF_8);
        List<String> actualLines = actual.toString().lines().toList();
        assertEquals(expectedLines.size(), actualLines.size(), "requests for " + scenario);
        for (int i = 0; i < expectedLines.size(); i++) {
            JsonNode expected = JSON.readTree(expectedLines.get(i));
            assertEquals(expected, JSON.readTree(actualLines.get(i)), scenario + " request " + i);
        }
    }
}
