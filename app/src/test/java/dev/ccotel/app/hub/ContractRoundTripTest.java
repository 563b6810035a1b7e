package dev.ccotel.app.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.adapter.httpin.hub.ContractJson;
import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub reads the backend contract back into the records the daemon wrote it from: re-encoding what
 * the hub read gives the daemon's bytes again, for every fixture scenario, content kept too.
 */
class ContractRoundTripTest {
    @ParameterizedTest
    @ValueSource(strings = {"text-reply", "write-file", "bash-tool", "api-error"})
    void whatTheHubReads_encodesToTheBytesTheDaemonSent(String scenario) {
        OtlpMapper mapper = new OtlpMapper(Clock.systemUTC(),
                MappingOptions.privateByDefault("devbox").keeping(ContentKind.values()));
        List<SessionUpdate> updates = new ArrayList<>();
        updates.addAll(mapper.fold(mapper.group(Fixtures.pbLogs(scenario)), Map.of(), Instant.now(), Instant.EPOCH)
                .result().requests());
        updates.addAll(mapper.fold(mapper.group(Fixtures.pbMetrics(scenario)), Map.of(), Instant.now(), Instant.EPOCH)
                .result().requests());
        assertFalse(updates.isEmpty());
        for (SessionUpdate update : updates) {
            byte[] sent = BackendJson.toJson(update);
            assertEquals(new String(sent, StandardCharsets.UTF_8),
                    new String(BackendJson.toJson(ContractJson.read(sent)), StandardCharsets.UTF_8));
        }
    }
}
