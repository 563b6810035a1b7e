package dev.ccotel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.fixtures.Captures2_1_332;
import dev.ccotel.domain.fixtures.RawBodies;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden backend bodies for the Claude Code 2.1.332 captures (see their README), exports replayed
 * in the order Claude Code sent them through one mapper. After a deliberate contract change,
 * regenerate with {@code -Dtest=CapturesGoldenTest -Dccotel.golden.update=true} and read the diff.
 */
class CapturesGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "claude-code-2.1.332");

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("no-session-two-connections", (Function<OtlpMapper, List<SessionUpdate>>) m -> concat(
                        m.map(Captures2_1_332.logs("no-session/process-a"), "grpc-1").requests(),
                        m.map(Captures2_1_332.logs("no-session/process-b"), "grpc-2").requests(),
                        m.map(Captures2_1_332.metrics("no-session/process-a"), "grpc-1").requests(),
                        m.map(Captures2_1_332.metrics("no-session/process-b"), "grpc-2").requests())),
                Arguments.of("first-continue-resume", (Function<OtlpMapper, List<SessionUpdate>>) m -> concat(
                        m.map(Captures2_1_332.logs("resume/1-first")).requests(),
                        m.map(Captures2_1_332.metrics("resume/1-first")).requests(),
                        m.map(Captures2_1_332.logs("resume/2-continue")).requests(),
                        m.map(Captures2_1_332.metrics("resume/2-continue")).requests(),
                        m.map(Captures2_1_332.logs("resume/3-resume")).requests(),
                        m.map(Captures2_1_332.metrics("resume/3-resume")).requests())),
                Arguments.of("api-request-full", (Function<OtlpMapper, List<SessionUpdate>>) m -> concat(
                        m.map(Captures2_1_332.logs("api-request-full")).requests(),
                        m.map(Captures2_1_332.metrics("api-request-full")).requests())),
                // every content switch of Claude Code on, every privacy key of ccotel off (issue 21)
                Arguments.of("raw-bodies-write-file", (Function<OtlpMapper, List<SessionUpdate>>) m -> concat(
                        m.map(RawBodies.logs("pb/write-file")).requests(),
                        m.map(RawBodies.metrics("pb/write-file")).requests())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void captureMapsToTheGoldenBackendBodies(String name, Function<OtlpMapper, List<SessionUpdate>> replay)
            throws IOException {
        OtlpMapper mapper = new OtlpMapper(
                new SessionLedger(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)),
                MappingOptions.privateByDefault("golden-host"));
        StringBuilder actual = new StringBuilder();
        for (SessionUpdate request : replay.apply(mapper)) {
            actual.append(BackendJson.toJsonString(request)).append('\n');
        }

        Path golden = GOLDEN.resolve(name + ".jsonl");
        if (Boolean.getBoolean("ccotel.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
        List<String> lines = actual.toString().lines().toList();
        assertEquals(expected.size(), lines.size(), "requests for " + name);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(JSON.readTree(expected.get(i)), JSON.readTree(lines.get(i)), name + " request " + i);
        }
    }

    @SafeVarargs
    private static List<SessionUpdate> concat(List<SessionUpdate>... parts) {
        List<SessionUpdate> all = new ArrayList<>();
        for (List<SessionUpdate> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
