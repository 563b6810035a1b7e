package dev.ccotel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.domain.fixtures.Captures2_1_332;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Why records without a {@code session.id} are grouped by the connection they came over and not by
 * the exporting process: nothing in them names the process. Two real Claude Code processes that ran
 * at the same time on one machine send resources with the same attributes, and their records carry
 * no process-level attribute either; a rule that joined a process's logs on one connection with its
 * metrics on another would have to join these two processes too, and merge two sessions' totals.
 * (The cost of the rule kept: a process that sends logs and metrics over two protocols without
 * session ids is two sessions; README, "Sessions without an id".)
 */
class ProcessIdentityTest {
    @Test
    void twoConcurrentProcessesWithoutSessionIds_sendIdenticalResources_soOnlyTheConnectionTellsThemApart() {
        for (boolean logs : new boolean[] {true, false}) {
            Resource a = logs ? Captures2_1_332.logs("no-session/process-a").getResourceLogs(0).getResource()
                    : Captures2_1_332.metrics("no-session/process-a").getResourceMetrics(0).getResource();
            Resource b = logs ? Captures2_1_332.logs("no-session/process-b").getResourceLogs(0).getResource()
                    : Captures2_1_332.metrics("no-session/process-b").getResourceMetrics(0).getResource();
            assertEquals(attributes(a), attributes(b), (logs ? "logs" : "metrics") + ": nothing names the process");
        }
    }

    @Test
    void recordsWithoutSessionIds_carryNoProcessAttribute() {
        Set<String> processKeys = Set.of("process.pid", "service.instance.id", "process.executable.name",
                "host.id", "host.name");
        Set<String> seen = Captures2_1_332.logs("no-session/process-a").getResourceLogsList().stream()
                .flatMap(r -> r.getScopeLogsList().stream()).flatMap(s -> s.getLogRecordsList().stream())
                .flatMap(l -> l.getAttributesList().stream()).map(KeyValue::getKey).collect(Collectors.toSet());
        seen.addAll(attributes(Captures2_1_332.logs("no-session/process-a").getResourceLogs(0).getResource()).keySet());
        assertEquals(Set.of(), seen.stream().filter(processKeys::contains).collect(Collectors.toSet()),
                "attributes seen: " + new TreeSet<>(seen));
    }

    private static TreeMap<String, String> attributes(Resource r) {
        TreeMap<String, String> out = new TreeMap<>();
        for (KeyValue kv : r.getAttributesList()) {
            out.put(kv.getKey(), kv.getValue().toString());
        }
        return out;
    }
}
