package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.app.FakeBackend;
import dev.ccotel.app.config.ConfigKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged jar ({@code target/ccotel.jar} with {@code target/libs}) started as {@code ccotel daemon} in its
 * own process on a free loopback port, with the test's HOME and store file, the test token, and nothing
 * inherited from the build's CCOTEL_, XDG_ or JAVA_ variables. {@link #start} returns once it listens.
 *
 * @param err the daemon's stderr, read from the file it is redirected to
 */
record PackagedDaemon(Process process, int port, int httpPort, Log err) {
    static final Path JAR = Path.of("target", "ccotel.jar").toAbsolutePath();

    /** A file the daemon writes to; {@link #toString()} is what it holds so far. */
    record Log(Path file) {
        @Override
        public String toString() {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    /**
     * @param jvmOptions options before {@code -jar}
     * @param settings   config keys and values, passed as their CCOTEL_ environment variables
     */
    static PackagedDaemon start(Path home, List<String> jvmOptions, String backendUrl, Map<String, String> settings)
            throws IOException {
        assertTrue(Files.isRegularFile(JAR), "package the jar first: " + JAR);
        int port;
        int httpPort;
        // Both at once, so they differ: the HTTP listener binds first, and on port 0 the kernel may hand it
        // the port just released here for gRPC.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket h = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            httpPort = h.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), "daemon", "--port", Integer.toString(port),
                "--backend-url", backendUrl));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("CCOTEL_") || k.startsWith("XDG_") || k.startsWith("JAVA_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("CCOTEL_BACKEND_TOKEN", DaemonHarness.TOKEN);
        pb.environment().put("CCOTEL_STORE_PATH", home.resolve("ccotel.db").toString());
        pb.environment().put(ConfigKeys.environmentVariable(ConfigKeys.RECEIVER_HTTP_PORT), Integer.toString(httpPort));
        settings.forEach((key, value) -> pb.environment().put(ConfigKeys.environmentVariable(key), value));
        Log err = new Log(Files.createTempFile(home, "daemon-", ".err"));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.file().toFile());
        Process p = pb.start();
        boolean listening = FakeBackend.await(Duration.ofSeconds(60),
                () -> err.toString().contains("listening on") || !p.isAlive()) && p.isAlive();
        if (!listening) {
            p.destroyForcibly();
        }
        assertTrue(listening, "the daemon did not start: " + err);
        return new PackagedDaemon(p, port, httpPort, err);
    }
}
