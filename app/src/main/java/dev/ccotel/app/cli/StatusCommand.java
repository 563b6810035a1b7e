package dev.ccotel.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.Settings;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccotel status}: is a daemon running on the configured ports, and how is it doing. Asks
 * the daemon's {@code GET /status} on the OTLP/HTTP port; where that listener is off or does not
 * answer, the gRPC health check on the gRPC port says at least whether one runs.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Tell whether a ccotel daemon runs on the configured ports, where it sends, and what waits.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a daemon is running", "2:usage or configuration error", "3:no daemon answers"})
final class StatusCommand implements Callable<Integer> {
    static final int NOT_RUNNING = 3;
    private static final Duration WAIT = Duration.ofMillis(800);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    CcotelCommand parent;

    @Option(names = "--json", description = "Print the daemon's /status document as it is")
    boolean json;

    @Override
    public Integer call() {
        Settings s = parent.settings(Map.of());
        String grpcHost = s.string(ConfigKeys.RECEIVER_HOST);
        int grpcPort = s.integer(ConfigKeys.RECEIVER_PORT, 1, 65_535);
        String httpHost = s.string(ConfigKeys.RECEIVER_HTTP_HOST);
        int httpPort = s.integer(ConfigKeys.RECEIVER_HTTP_PORT, 1, 65_535);
        Optional<String> http = s.bool(ConfigKeys.RECEIVER_HTTP_ENABLED)
                ? Optional.of(hostPort(httpHost, httpPort))
                : Optional.empty();
        Optional<String> document = http.filter(h -> accepts(httpHost, httpPort)).flatMap(StatusCommand::fetchStatus);
        if (document.isPresent()) {
            if (json) {
                parent.out.println(document.get());
            } else {
                print(document.get());
            }
            return Cli.OK;
        }
        String grpc = hostPort(grpcHost, grpcPort);
        if (accepts(grpcHost, grpcPort) && grpcServing(grpcHost, grpcPort)) {
            parent.out.println("a ccotel daemon answers on " + grpc + " (gRPC health: SERVING)");
            parent.out.println(http.map(h -> "  but its status page on " + h + " did not answer")
                    .orElse("  its details need the OTLP/HTTP listener (receiver.http.enabled: true)"));
            return Cli.OK;
        }
        parent.out.println("no ccotel daemon answers on " + grpc + http.map(h -> " or " + h).orElse("") + ".");
        parent.out.println("Start one with 'ccotel daemon' (foreground) or 'ccotel service install' (at login).");
        return NOT_RUNNING;
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Whether anything listens there: a plain connect, so that with no daemon running the answer
     * comes at once, without starting an HTTP or gRPC client (half a second of class loading).
     */
    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) WAIT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> fetchStatus(String hostPort) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + hostPort + "/status"))
                    .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"version\"") ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            client.close();
        }
    }

    private static boolean grpcServing(String host, int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus() == HealthCheckResponse.ServingStatus.SERVING;
        } catch (RuntimeException e) {
            return false;
        } finally {
            channel.shutdownNow();
        }
    }

    /** The status document in a few lines for a person. */
    private void print(String document) {
        JsonNode st;
        try {
            st = JSON.readTree(document);
        } catch (IOException e) {
            parent.out.println(document);
            return;
        }
        Instant now = parent.clock.instant();
        parent.out.printf("ccotel %s is running (pid %d, up %s)%n", st.path("version").asText(), st.path("pid").asLong(),
                ago(Duration.ofSeconds(st.path("uptimeSeconds").asLong())));
        StringBuilder listeners = new StringBuilder();
        st.path("listeners").forEach(l -> listeners.append(listeners.isEmpty() ? "" : ", ")
                .append(l.path("protocol").asText()).append(' ').append(l.path("address").asText()));
        parent.out.println("  listening: " + listeners);
        st.path("destinations").forEach(d -> {
            String success = when(d.path("lastSuccess"), now).map(t -> "last success " + t).orElse("no success yet");
            String error = d.path("lastError").isObject()
                    ? "; last error " + when(d.path("lastError").path("at"), now).orElse("") + ": "
                            + d.path("lastError").path("message").asText()
                    : "";
            parent.out.println("  " + d.path("name").asText() + ": " + success + error);
        });
        JsonNode outbox = st.path("outbox");
        if (!outbox.isMissingNode()) {
            parent.out.printf("  outbox: %,d request(s), %,d bytes waiting%s; %,d refused by the backend%n",
                    outbox.path("requests").asLong(), outbox.path("bytes").asLong(),
                    when(outbox.path("oldest"), now).map(t -> ", oldest kept " + t).orElse(""),
                    outbox.path("refused").asLong());
        }
        StringBuilder exports = new StringBuilder();
        st.path("exports").fields().forEachRemaining(signal -> {
            long total = 0;
            for (JsonNode n : signal.getValue()) {
                total += n.asLong();
            }
            exports.append(exports.isEmpty() ? "" : ", ").append(signal.getKey()).append(' ').append(total);
        });
        parent.out.println("  exports received: " + exports + when(st.path("lastExportAt"), now)
                .map(t -> "; the last " + t).orElse("; none yet"));
    }

    private static Optional<String> when(JsonNode node, Instant now) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ago(Duration.between(Instant.parse(node.asText()), now)) + " ago");
        } catch (RuntimeException e) {
            return Optional.of(node.asText());
        }
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7_200) {
            return s / 60 + " min";
        }
        return s / 3_600 + " h " + s / 60 % 60 + " min";
    }
}
