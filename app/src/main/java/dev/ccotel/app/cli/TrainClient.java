package dev.ccotel.app.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.protobuf.ByteString;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The exports, statusline and hook calls that {@code ccotel train-cache} sends its training daemon, in
 * a JVM of their own: the JVM that records the daemon's start-up cache loads every class it runs, and a
 * gRPC client and Java's HTTP client there would end up in the cache of every daemon that never uses
 * them (a JDK 25 AOT cache loads all of its classes at start, and its pages count in the daemon's RSS).
 * Usage: {@code TrainClient GRPC_PORT HTTP_PORT}; exit 0 when every call was answered, else 1 and why.
 */
public final class TrainClient {
    private static final String SESSION = "00000000-0000-4000-8000-00000000c0de";

    private TrainClient() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: TrainClient GRPC_PORT HTTP_PORT");
            System.exit(2);
        }
        try {
            exportOverGrpc(Integer.parseInt(args[0]));
            exportOverHttp(Integer.parseInt(args[1]));
        } catch (IOException | RuntimeException e) {
            System.err.println("ccotel train-cache: the training daemon did not answer: " + e);
            System.exit(1);
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
            // What Claude Code's statusLine command and SessionStart hook hand the daemon (the shape captured in
            // the statusline fixtures, fewer fields), in a folder that is no repository.
            String dir = quoted(System.getProperty("java.io.tmpdir"));
            post(client, base + "/hook", "application/json", ("{\"session_id\":\"" + SESSION + "\",\"cwd\":" + dir
                    + ",\"hook_event_name\":\"SessionStart\",\"source\":\"startup\",\"model\":\"claude-sonnet-4-5\"}")
                    .getBytes());
            post(client, base + "/statusline?colour=1&columns=120", "application/json", ("{\"session_id\":\"" + SESSION
                    + "\",\"cwd\":" + dir + ",\"model\":{\"id\":\"claude-sonnet-4-5\",\"display_name\":\"Sonnet 4.5\"},"
                    + "\"workspace\":{\"current_dir\":" + dir + ",\"project_dir\":" + dir + ",\"added_dirs\":[]},"
                    + "\"version\":\"2.1.332\",\"cost\":{\"total_cost_usd\":0.010365,\"total_duration_ms\":4627,"
                    + "\"total_api_duration_ms\":102,\"total_lines_added\":0,\"total_lines_removed\":0},"
                    + "\"context_window\":{\"total_input_tokens\":1550,\"total_output_tokens\":87,"
                    + "\"context_window_size\":200000,\"used_percentage\":1,\"remaining_percentage\":99}}").getBytes());
            answered(client.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.discarding()), "/status");
        } finally {
            client.close();
        }
    }

    private static void post(HttpClient client, String url, String type, byte[] body)
            throws IOException, InterruptedException {
        answered(client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()), url);
    }

    private static void answered(HttpResponse<?> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " answered " + response.statusCode());
        }
    }

    /** A JSON string of a path (a temporary folder may hold a backslash or a quote). */
    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
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
