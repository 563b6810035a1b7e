package dev.ccotel.app.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged daemon ({@code java -jar app/target/ccotel.jar daemon}) as a child process on a free
 * loopback port, with its own empty config and state folders, so that its CPU time and RSS can be
 * read from {@code /proc} apart from the load generator's.
 */
final class DaemonProcess implements AutoCloseable {
    static final String TOKEN = "perf-token-0123456789";
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    final Process process;
    final int port;
    final Path home;
    /** Nanoseconds from ProcessBuilder.start() to the first accepted TCP connection on the gRPC port. */
    final long readyNanos;

    private DaemonProcess(Process process, int port, Path home, long readyNanos) {
        this.process = process;
        this.port = port;
        this.home = home;
        this.readyNanos = readyNanos;
    }

    /**
     * @param backendUrl the backend base URL, or null for {@code --dry-run} with its output discarded
     */
    static DaemonProcess start(Path jar, List<String> jvmOptions, String backendUrl) throws IOException {
        return start(jar, jvmOptions, backendUrl, Map.of());
    }

    /**
     * @param settings config keys and values, passed as their CCOTEL_ variables (e.g. delivery.mode);
     *     a {@code backend.token} of "" means none: the daemon then only stores
     */
    static DaemonProcess start(Path jar, List<String> jvmOptions, String backendUrl, Map<String, String> settings)
            throws IOException {
        Path home = Files.createTempDirectory("ccotel-perf");
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "daemon", "--port", Integer.toString(port)));
        if (backendUrl == null && !settings.containsKey("backend.token")) {
            cmd.add("--dry-run");
        } else if (backendUrl != null) {
            cmd.addAll(List.of("--backend-url", backendUrl));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CCOTEL_"));
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString()); // the store, never the user's own
        env.put("CCOTEL_BACKEND_TOKEN", TOKEN);
        settings.forEach((key, value) -> env.put(dev.ccotel.app.config.ConfigKeys.environmentVariable(key), value));
        env.values().removeIf(String::isEmpty);
        // The OTLP/HTTP listener runs as in production, on a port of its own instead of the shared 4318.
        env.put("CCOTEL_RECEIVER_HTTP_PORT", Integer.toString(freePort()));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD); // --dry-run prints every request here
        pb.redirectError(home.resolve("daemon.err").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return new DaemonProcess(p, port, home, System.nanoTime() - t0);
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("daemon did not start; see " + home.resolve("daemon.err") + ": "
                            + Files.readString(home.resolve("daemon.err")));
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** User + system CPU time of the daemon so far, in milliseconds. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state=0 ... utime=11 stime=12
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of /proc/PID/status in kB, e.g. VmRSS (now) or VmHWM (peak). */
    long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stderr() {
        try {
            return Files.readString(home.resolve("daemon.err"));
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, as a service manager would stop it; the daemon finishes in-flight exports and exits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** {@code -Dccotel.jar=PATH}, or app/target/ccotel.jar found from the working directory. */
    static Path findJar() {
        String explicit = System.getProperty("ccotel.jar");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path jar = d.resolve("app/target/ccotel.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            if (d.getFileName() != null && d.getFileName().toString().equals("app")
                    && Files.isRegularFile(d.resolve("target/ccotel.jar"))) {
                return d.resolve("target/ccotel.jar");
            }
        }
        throw new IllegalStateException("app/target/ccotel.jar not found: run 'mvn -B -q install -DskipTests' first");
    }
}
