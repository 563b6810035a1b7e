package dev.ccotel.app.reliability;

import dev.ccotel.app.compose.DaemonComposition;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.Version;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The real daemon in-process on a free loopback port, as {@code ccotel daemon} wires it, plus a gRPC
 * channel to it and a capture of everything logged through JUL (where {@code System.Logger} goes).
 */
final class DaemonHarness implements AutoCloseable {
    static final String TOKEN = "cc-reliability-token-5f3a9c1e7b";
    static final int CALL_DEADLINE_SECONDS = 30;

    final Path home;
    final Daemon daemon;
    final ManagedChannel channel;
    final LogCapture log;

    private DaemonHarness(Path home, Daemon daemon, ManagedChannel channel, LogCapture log) {
        this.home = home;
        this.daemon = daemon;
        this.channel = channel;
        this.log = log;
    }

    /** Defaults for tests: short budget and timeout, passthrough unless a flag asks for the store. */
    static DaemonHarness start(Path home, String backendUrl, Map<String, String> extra) {
        return start(home, backendUrl, extra, Clock.systemUTC());
    }

    /** @param clock the daemon's clock: one anchored at a fixed moment keeps date-bound views (today, the last 30 days) true */
    static DaemonHarness start(Path home, String backendUrl, Map<String, String> extra, Clock clock) {
        Map<String, String> flags = new HashMap<>(Map.of(
                "receiver.port", "0",
                "receiver.http.port", "0",
                "backend.url", backendUrl,
                "backend.timeout", "2s",
                "delivery.retry-budget", "1s",
                "delivery.mode", "passthrough"));
        flags.putAll(extra);
        return start(home, flags, "test-host", false, new PrintStream(new ByteArrayOutputStream()), clock);
    }

    static DaemonHarness start(Path home, Map<String, String> flags, String host) {
        return start(home, flags, host, false, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    }

    /** {@code --dry-run}: no backend, each request printed as one JSON line on {@code dryRunOut}. */
    static DaemonHarness startDryRun(Path home, Map<String, String> flags, PrintStream dryRunOut) {
        Map<String, String> all = new HashMap<>(Map.of("receiver.port", "0", "receiver.http.port", "0"));
        all.putAll(flags);
        return start(home, all, "test-host", true, dryRunOut, Clock.systemUTC());
    }

    private static DaemonHarness start(Path home, Map<String, String> flags, String host, boolean dryRun,
            PrintStream dryRunOut, Clock clock) {
        LogCapture log = LogCapture.install();
        Map<String, String> env = Map.of("HOME", home.toString(), "CCOTEL_BACKEND_TOKEN", TOKEN);
        try {
            Settings settings = Settings.load(Optional.empty(), env, flags);
            DaemonConfig config = DaemonConfig.from(settings, env, Version.VALUE, host, dryRun);
            Daemon daemon = DaemonComposition.start(config, clock, dryRunOut);
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", daemon.port()).usePlaintext()
                    .maxInboundMessageSize(64 * 1024 * 1024).build();
            return new DaemonHarness(home, daemon, channel, log);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    int port() {
        return daemon.port();
    }

    /** The OTLP/HTTP listener's port (also /healthz, /status, /metrics). */
    int httpPort() {
        return daemon.httpPort().orElseThrow(() -> new IllegalStateException("receiver.http.enabled is false"));
    }

    ExportLogsServiceResponse export(ExportLogsServiceRequest request) {
        return LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .export(request);
    }

    ExportMetricsServiceResponse export(ExportMetricsServiceRequest request) {
        return MetricsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .export(request);
    }

    /** Closes the channel and the daemon (which closes its publisher and spool); the log capture stays readable. */
    @Override
    public void close() {
        try {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                daemon.close();
            } finally {
                log.close();
            }
        }
    }

    /** Everything logged through JUL while installed, formatted with causes and stack traces. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> lines = new ArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        static LogCapture install() {
            LogCapture capture = new LogCapture();
            capture.setLevel(Level.ALL);
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        @Override
        public synchronized void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        synchronized String text() {
            return String.join("", lines);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
