package dev.ccotel.app.cli;

import dev.ccotel.app.compose.DaemonComposition;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Folders;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.Daemon;
import dev.ccotel.app.runtime.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * {@code ccotel train-cache} (hidden): what the launcher runs in the background, under the JVM's AOT
 * recording, to make the daemon's start-up cache. A daemon on ports of its own and a store in a
 * temporary folder takes Claude-Code-shaped exports over gRPC, OTLP/HTTP protobuf and JSON, a hook's
 * and a statusline's call, answers {@code /status}, and stops; the calls come from {@link TrainClient}
 * in another JVM, so that the cache holds the daemon's classes and not a client's. Training apart from
 * the user's daemon means a daemon that fails to start (a taken port, a bad setting) never leaves a
 * cache trained on its failure, nor makes the user wait for one.
 */
@Command(name = "train-cache", hidden = true, description = "Make the daemon's start-up cache (run by bin/ccotel).")
final class TrainCommand implements Callable<Integer> {
    /** {@link TrainClient} by name: naming its class would load it, and so record it in the cache. */
    private static final String CLIENT = "dev.ccotel.app.cli.TrainClient";

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
                int answered = callFromAnotherJvm(daemon.port(), daemon.httpPort().orElseThrow());
                if (answered != 0) {
                    parent.err.println("ccotel train-cache: the training client ended with " + answered);
                    return Cli.FAILURE;
                }
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

    /**
     * Runs {@link TrainClient} in a JVM of its own (the same java and class path, the quick compiler only), so
     * that only the daemon's side of each call is recorded; its words go to this process's stderr (the
     * launcher's log of the training). The exit code of the client, or 1 when it did not end in two minutes.
     */
    private static int callFromAnotherJvm(int grpcPort, int httpPort) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process client = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), CLIENT, Integer.toString(grpcPort),
                Integer.toString(httpPort)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!client.waitFor(2, TimeUnit.MINUTES)) {
            client.destroyForcibly();
            return 1;
        }
        return client.exitValue();
    }
}
