package dev.ccotel.app.hub;

import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backend-contract request bodies as a daemon forwards them for a fixture scenario: its real exports
 * folded by the daemon's own mapper and written by its own encoder, one body per session update.
 */
public final class ContractBodies {
    private ContractBodies() {}

    /** The bodies of the scenario's logs export, then of its metrics export, as from the machine {@code host}. */
    public static List<byte[]> of(String scenario, String host) {
        return of(Fixtures.pbLogs(scenario), Fixtures.pbMetrics(scenario), host);
    }

    /** The bodies of these exports of one process, logs then metrics, as from the machine {@code host}. */
    public static List<byte[]> of(ExportLogsServiceRequest logs, ExportMetricsServiceRequest metrics, String host) {
        OtlpMapper mapper = new OtlpMapper(Clock.systemUTC(), MappingOptions.privateByDefault(host));
        List<SessionUpdate> updates = new ArrayList<>();
        updates.addAll(mapper.fold(mapper.group(logs), Map.of(), Instant.now(), Instant.EPOCH).result().requests());
        updates.addAll(mapper.fold(mapper.group(metrics), Map.of(), Instant.now(), Instant.EPOCH).result().requests());
        return updates.stream().map(BackendJson::toJson).toList();
    }
}
