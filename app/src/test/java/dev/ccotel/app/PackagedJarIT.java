package dev.ccotel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar ({@code app/target/ccotel.jar} with {@code target/libs}) as a user would:
 * catches what only shows at run time from the jar, such as a missing Class-Path entry or service file.
 */
class PackagedJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "ccotel.jar").toAbsolutePath();

    @TempDir
    Path home;

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CCOTEL_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        return pb;
    }

    @Test
    void inspect_printsOneJsonLinePerSessionRequest() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the jar first: " + JAR);
        Process p = java("inspect", Fixtures.pb("write-file", "0001-logs.pb").toString(),
                Fixtures.pb("write-file", "0002-metrics.pb").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue());
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        JsonNode metrics = JSON.readTree(lines.get(1));
        assertEquals(3, metrics.at("/session/linesAdded").asInt());
    }

    @Test
    void dryRunDaemon_printsTheRequestsOfExportsItReceives_andExitsZeroOnSigterm() throws Exception {
        int port;
        int httpPort;
        // Both at once, so they differ (never the shared 4318 either).
        try (ServerSocket s = new ServerSocket(0); ServerSocket h = new ServerSocket(0)) {
            port = s.getLocalPort();
            httpPort = h.getLocalPort();
        }
        Process daemon = java("--set", "receiver.http.port=" + httpPort, "daemon", "--dry-run", "--port",
                Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(daemon.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
            Matcher m = null;
            while ((line = err.readLine()) != null) {
                m = listening.matcher(line);
                if (m.find()) {
                    break;
                }
            }
            assertTrue(m != null && m.find(0), "the daemon said where it listens");
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                LogsServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .export(Fixtures.pbLogs("text-reply"));
            } finally {
                channel.shutdownNow();
            }
            BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
            JsonNode request = JSON.readTree(out.readLine());
            assertEquals("/home/dev/projects/acme", request.get("project").asText());
            assertEquals(8, request.get("events").size());

            daemon.destroy(); // SIGTERM
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "exits within a bounded time");
            assertEquals(0, daemon.exitValue());
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void secondDaemonOnABusyPort_failsWithAClearMessage_andNonZeroExit() throws IOException, InterruptedException {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process p = java("daemon", "--dry-run", "--port", Integer.toString(busy.getLocalPort()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));

            // said before anything starts, in one line, as a usage error (a restart cannot mend it)
            assertEquals(2, p.exitValue(), err);
            assertTrue(err.contains("cannot listen on 127.0.0.1:" + busy.getLocalPort() + ": another program listens there"),
                    err);
        }
    }
}
