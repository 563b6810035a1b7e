package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ConnectionOriginTest {
    private static final byte[] LOGS = ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(ResourceLogs.getDefaultInstance()).build().toByteArray();
    private static final byte[] METRICS = ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(ResourceMetrics.getDefaultInstance()).build().toByteArray();

    @Test
    void exportsOverOneKeepAliveConnectionShareAnOrigin_anotherConnectionHasItsOwn() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest);
                HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            receiver.send(receiver.post("/v1/logs", "application/x-protobuf", LOGS));
            receiver.send(receiver.post("/v1/metrics", "application/x-protobuf", METRICS));
            other.send(receiver.post("/v1/logs", "application/x-protobuf", LOGS).build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        String first = ingest.logs.get(0).origin();
        assertTrue(first.startsWith("http-"), first);
        assertEquals(first, ingest.metrics.get(0).origin(), "one connection, one origin for both signals");
        assertNotEquals(first, ingest.logs.get(1).origin());
    }
}
