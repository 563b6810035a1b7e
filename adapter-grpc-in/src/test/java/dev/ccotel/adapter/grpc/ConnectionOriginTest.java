package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionOriginTest {
    private static final ExportLogsServiceRequest LOGS = ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(ResourceLogs.getDefaultInstance()).build();
    private static final ExportMetricsServiceRequest METRICS = ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(ResourceMetrics.getDefaultInstance()).build();

    @Test
    void eachConnectionHasItsOwnOrigin_sharedByItsLogsAndMetrics() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            ManagedChannel other = ManagedChannelBuilder.forAddress("127.0.0.1", receiver.server.port()).usePlaintext()
                    .build();
            try {
                receiver.logs().export(LOGS);
                receiver.metrics().export(METRICS);
                LogsServiceGrpc.newBlockingStub(other).withDeadlineAfter(20, TimeUnit.SECONDS).export(LOGS);
                MetricsServiceGrpc.newBlockingStub(other).withDeadlineAfter(20, TimeUnit.SECONDS).export(METRICS);
            } finally {
                other.shutdownNow().awaitTermination(20, TimeUnit.SECONDS);
            }
        }

        String first = ingest.logs().get(0).origin();
        String second = ingest.logs().get(1).origin();
        assertTrue(first.matches("grpc-\\d+"), first);
        assertNotEquals(first, second);
        assertEquals(first, ingest.metrics().get(0).origin(), "one connection, one origin for both signals");
        assertEquals(second, ingest.metrics().get(1).origin());
    }
}
