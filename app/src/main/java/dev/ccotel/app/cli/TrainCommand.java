package dev.ccotel.app.cli;

import dev.ccotel.app.compose.DaemonComposition;
import com.google.protobuf.ByteString;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Folders;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.Version;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * {@code ccotel train-cache} (hidden): what the launcher runs in the background, under the JVM's AOT
 * recording, to make the daemon's start-up cache. A daemon on ports of its own and a store in a
 * temporary folder takes Claude-Code-shaped exports over gRPC, OTLP/HTTP protobuf and JSON, answers
 * {@code /status}, and stops. Training apart from the user's daemon means a daemon that fails to
 * start (a taken port, a bad setting) never leaves a cache trained on its failure, nor makes the user
 * wait for one.
 */
@Command(name = "train-cache", hidden = true, description = "Make the daemon's start-up cache (run by bin/ccotel).")
final class TrainCommand implements Callable<Integer> {
    private static final String SESSION = "00000000-0000-4000-8000-00000000c0de";

    @picocli.CommandLine.ParentCommand
    CcotelCommand parent;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("ccotel-train-");
        try {
            Map<String, String> env = Map.of("HOME", dir.toString());
            Settings settings = Settings.load(Optional.empty(), env, Map.of("receiver.port", "0",
                    "receiver.http.port", "0", "store.path", dir.resolve("ccotel.db").toString()));
            DaemonConfig config = DaemonConfig.from(settings, env, Version.VALUE, "train", false);
            try (Daemon daemon = DaemonComposition.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()))) {
                exportOverGrpc(daemon.port());
                int http = daemon.httpPort().orElseThrow();
                exportOverHttp(http);
            }
            parent.out.println("trained");
            return Cli.OK;
        } finally {
            try {
                Folders.deleteTree(dir);
            } catch (IOException e) {
                parent.err.println("ccotel: cannot remove the training store " + dir + ": " + e.getMessage());
            }
        }
    }

    private static void exportOverGrpc(int port) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).export(logs(1));
            MetricsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).export(metrics());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void exportOverHttp(int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        try {
            String base = "http://127.0.0.1:" + port;
            post(client, base + "/v1/logs", "application/x-protobuf", logs(3).toByteArray());
            post(client, base + "/v1/metrics", "application/x-protobuf", metrics().toByteArray());
            post(client, base + "/v1/logs", "application/json", ("{\"resourceLogs\":[{\"resource\":{\"attributes\":"
                    + "[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"claude-code\"}}]},\"scopeLogs\":[{"
                    + "\"logRecords\":[{\"timeUnixNano\":\"1795706896000000000\",\"attributes\":["
                    + "{\"key\":\"session.id\",\"value\":{\"stringValue\":\"" + SESSION + "\"}},"
                    + "{\"key\":\"event.name\",\"value\":{\"stringValue\":\"user_prompt\"}},"
                    + "{\"key\":\"event.sequence\",\"value\":{\"intValue\":\"5\"}}]}]}]}]}").getBytes());
            client.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            client.close();
        }
    }

    private static void post(HttpClient client, String url, String type, byte[] body)
            throws IOException, InterruptedException {
        client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static Resource claudeCode() {
        return Resource.newBuilder().addAttributes(attr("service.name", "claude-code"))
                .addAttributes(attr("service.version", Version.VALUE)).build();
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ExportLogsServiceRequest logs(long sequence) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (String event : List.of("user_prompt", "api_request", "tool_result")) {
            scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1_795_706_896_000_000_000L + sequence)
                    .setBody(AnyValue.newBuilder().setStringValue("claude_code." + event))
                    .addAttributes(attr("session.id", SESSION)).addAttributes(attr("event.name", event))
                    .addAttributes(KeyValue.newBuilder().setKey("event.sequence")
                            .setValue(AnyValue.newBuilder().setIntValue(sequence++)))
                    .addAttributes(attr("model", "claude-sonnet-4-5")).addAttributes(attr("cost_usd", "0.001"))
                    .addAttributes(attr("tool_name", "Bash")).addAttributes(attr("success", "true"))
                    .setTraceId(ByteString.copyFrom(new byte[16])));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder().setResource(claudeCode())
                .addScopeLogs(scope)).build();
    }

    private static ExportMetricsServiceRequest metrics() {
        NumberDataPoint point = NumberDataPoint.newBuilder().setStartTimeUnixNano(1_795_706_895_000_000_000L)
                .setTimeUnixNano(1_795_706_896_000_000_000L).setAsDouble(0.001)
                .addAttributes(attr("session.id", SESSION)).addAttributes(attr("model", "claude-sonnet-4-5")).build();
        Metric cost = Metric.newBuilder().setName("claude_code.cost.usage").setSum(Sum.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).setIsMonotonic(true)
                .addDataPoints(point)).build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(claudeCode()).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(cost))).build();
    }
}
