package dev.ccotel.adapter.httpin.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.ExportOutcome;
import dev.ccotel.ports.in.TelemetrySignal;
import dev.ccotel.ports.model.DeliveryStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** {@code GET /status}: the daemon's status as one JSON object (times ISO-8601 UTC, uptime in seconds). */
public final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {}

    public static byte[] render(DaemonStatus status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", status.version());
        root.put("pid", status.pid());
        root.put("startedAt", status.startedAt().toString());
        root.put("uptimeSeconds", status.uptime().toSeconds());
        ArrayNode listeners = root.putArray("listeners");
        status.listeners().forEach(l -> listeners.addObject().put("protocol", l.protocol()).put("address", l.address()));
        ArrayNode destinations = root.putArray("destinations");
        for (DeliveryStatus.Destination d : status.delivery().destinations()) {
            ObjectNode node = destinations.addObject().put("name", d.name());
            time(node, "lastSuccess", d.lastSuccess());
            d.lastError().ifPresentOrElse(
                    e -> node.putObject("lastError").put("at", e.at().toString()).put("message", e.message()),
                    () -> node.putNull("lastError"));
        }
        ObjectNode outbox = root.putObject("outbox")
                .put("requests", status.delivery().outbox().requests())
                .put("bytes", status.delivery().outbox().bytes())
                .put("refused", status.delivery().outbox().refused());
        time(outbox, "oldest", status.delivery().outbox().oldest());
        status.delivery().refusing().ifPresent(reason -> root.put("refusing", reason));
        ObjectNode exports = root.putObject("exports");
        for (TelemetrySignal signal : TelemetrySignal.values()) {
            ObjectNode bySignal = exports.putObject(signal.id());
            for (ExportOutcome outcome : ExportOutcome.values()) {
                bySignal.put(outcome.id(), status.exports(signal, outcome));
            }
        }
        root.put("spansCounted", status.spansCounted());
        ObjectNode skipped = root.putObject("skipped");
        status.skipped().forEach((reason, count) -> skipped.put(reason.id(), count));
        time(root, "lastExportAt", status.lastExportAt());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the status", e);
        }
    }

    private static void time(ObjectNode node, String field, Optional<Instant> at) {
        at.ifPresentOrElse(t -> node.put(field, t.toString()), () -> node.putNull(field));
    }
}
