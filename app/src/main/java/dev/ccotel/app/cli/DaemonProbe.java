package dev.ccotel.app.cli;

import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.Settings;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks whether a ccotel daemon runs on the configured ports, and never mistakes a slow daemon for an
 * absent one. A refused connection means nothing listens, and that answer comes at once. A daemon
 * that accepts but is slow to answer (a fresh JVM on a busy machine spends seconds loading classes)
 * gets a first short wait, then, said so, a long one; only then "it does not answer", which is not
 * "there is none".
 */
final class DaemonProbe {
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** What the probe found. */
    sealed interface Found {
        /** The daemon's {@code /status} document; or, without the HTTP listener, its gRPC health said SERVING. */
        record Running(Optional<String> statusJson, String address) implements Found {}

        /** Every connection was refused: no daemon (and no other program) listens there. */
        record NothingListens(List<String> addresses) implements Found {}

        /** Something accepts connections but gave no daemon's answer within the patience: busy, stuck, or another program. */
        record NoAnswer(String address, String why) implements Found {}
    }

    private DaemonProbe() {}

    /**
     * The listeners the settings name ({@code receiver.*}), with the full patience: what {@code status}
     * and {@code service status} ask.
     *
     * @param progress told, in a sentence, when the probe starts waiting longer
     */
    static Found probe(Settings s, Consumer<String> progress) {
        return probe(s.string(ConfigKeys.RECEIVER_HOST), s.integer(ConfigKeys.RECEIVER_PORT, 1, 65_535),
                s.bool(ConfigKeys.RECEIVER_HTTP_ENABLED) ? Optional.of(s.string(ConfigKeys.RECEIVER_HTTP_HOST))
                        : Optional.empty(), s.integer(ConfigKeys.RECEIVER_HTTP_PORT, 1, 65_535), PATIENCE, progress);
    }

    /**
     * @param grpcPort 0 when there is no fixed gRPC port to ask (it is picked at start)
     * @param httpHost the OTLP/HTTP listener's host, when that listener runs on a fixed port
     * @param patience how long a listener that accepted may take to answer; the first {@link #FIRST_WAIT} of it is not said
     */
    static Found probe(String grpcHost, int grpcPort, Optional<String> httpHost, int httpPort, Duration patience,
            Consumer<String> progress) {
        List<String> refused = new ArrayList<>();
        if (httpHost.isPresent()) {
            String http = hostPort(httpHost.get(), httpPort);
            if (accepts(httpHost.get(), httpPort)) {
                return status(http, waits(patience), progress);
            }
            refused.add(http);
        }
        if (grpcPort != 0) {
            String grpc = hostPort(grpcHost, grpcPort);
            if (accepts(grpcHost, grpcPort)) {
                return health(grpcHost, grpcPort, grpc, waits(patience), progress);
            }
            refused.add(0, grpc);
        }
        return new Found.NothingListens(refused);
    }

    private static List<Duration> waits(Duration patience) {
        return patience.compareTo(FIRST_WAIT) > 0 ? List.of(FIRST_WAIT, patience.minus(FIRST_WAIT)) : List.of(patience);
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** A plain connect: refused at once when nothing listens, without starting an HTTP or gRPC client. */
    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) FIRST_WAIT.toMillis());
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException other) {
            // a connect that timed out: a listener whose backlog is full is still a listener
            return !(other instanceof java.net.UnknownHostException);
        }
    }

    private static Duration total(List<Duration> waits) {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }

    private static Found status(String hostPort, List<Duration> waits, Consumer<String> progress) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(FIRST_WAIT).build();
        try {
            for (Duration wait : waits) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + hostPort
                            + "/status")).timeout(wait).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"version\"")) {
                        return new Found.Running(Optional.of(r.body()), hostPort);
                    }
                    return new Found.NoAnswer(hostPort, "it answered HTTP " + r.statusCode() + " to GET /status, which"
                            + " a ccotel daemon does not: another program listens there");
                } catch (HttpTimeoutException slow) {
                    if (wait == FIRST_WAIT && waits.size() > 1) {
                        progress.accept("the daemon on " + hostPort + " accepted the connection but has not answered in "
                                + FIRST_WAIT.toSeconds() + " s (a busy machine?); waiting up to " + total(waits).toSeconds()
                                + " s");
                    }
                }
            }
            return new Found.NoAnswer(hostPort, "it accepted a connection but did not answer GET /status within "
                    + total(waits).toSeconds() + " s");
        } catch (IOException e) {
            return new Found.NoAnswer(hostPort, "GET /status failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Found.NoAnswer(hostPort, "interrupted");
        } finally {
            client.close();
        }
    }

    private static Found health(String host, int port, String hostPort, List<Duration> waits, Consumer<String> progress) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        try {
            for (Duration wait : waits) {
                try {
                    HealthCheckResponse.ServingStatus serving = HealthGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(wait.toMillis(), TimeUnit.MILLISECONDS)
                            .check(HealthCheckRequest.getDefaultInstance()).getStatus();
                    return serving == HealthCheckResponse.ServingStatus.SERVING
                            ? new Found.Running(Optional.empty(), hostPort)
                            : new Found.NoAnswer(hostPort, "its gRPC health says " + serving);
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                        return new Found.NoAnswer(hostPort, "it does not answer the gRPC health check ("
                                + e.getStatus().getCode() + "): another program listens there");
                    }
                    if (wait == FIRST_WAIT && waits.size() > 1) {
                        progress.accept("the daemon on " + hostPort + " has not answered in " + FIRST_WAIT.toSeconds()
                                + " s (a busy machine?); waiting up to " + total(waits).toSeconds() + " s");
                    }
                }
            }
            return new Found.NoAnswer(hostPort, "it accepted a connection but did not answer the gRPC health check within "
                    + total(waits).toSeconds() + " s");
        } finally {
            channel.shutdownNow();
        }
    }
}
