package dev.ccotel.app.perf;

import dev.ccotel.adapter.postgres.PostgresConfig;
import dev.ccotel.app.config.ConfigKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged hub ({@code java -jar app/target/ccotel.jar hub}) as a child process on a free loopback
 * port over the given database, configured by its {@code CCOTEL_HUB_*} variables alone, so that its CPU
 * time is read apart from the load generator's.
 */
final class HubProcess implements AutoCloseable {
    final Process process;
    final int port;
    final Path home;

    private HubProcess(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
    }

    static HubProcess start(Path jar, List<String> jvmOptions, PostgresConfig db) throws Exception {
        Path home = Files.createTempDirectory("ccotel-hub-perf");
        int port = DaemonProcess.freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "hub"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CCOTEL_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put(ConfigKeys.environmentVariable(ConfigKeys.HUB_PORT), Integer.toString(port));
        env.put(ConfigKeys.environmentVariable(ConfigKeys.HUB_DATABASE_URL), db.url());
        env.put(ConfigKeys.environmentVariable(ConfigKeys.HUB_DATABASE_USER), db.user());
        if (!db.password().isEmpty()) {
            env.put(ConfigKeys.environmentVariable(ConfigKeys.HUB_DATABASE_PASSWORD), db.password());
        }
        env.put(ConfigKeys.environmentVariable(ConfigKeys.HUB_MAX_REQUESTS_PER_SECOND), "0");
        pb.redirectOutput(home.resolve("hub.out").toFile());
        pb.redirectError(home.resolve("hub.err").toFile());
        Process p = pb.start();
        HubProcess hub = new HubProcess(p, port, home);
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/healthz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return hub;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                hub.close();
                throw new IllegalStateException("the hub did not start: " + hub.stderr());
            }
            Thread.sleep(50);
        }
    }

    /** User + system CPU time of the hub process so far. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "the hub's CPU time cannot be read on this system")).toNanos();
    }

    String stderr() {
        try {
            return Files.readString(home.resolve("hub.err"));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as a service manager would stop it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
