package dev.ccotel.app.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a service manager's tool, found on the PATH of the environment ccotel was started with. */
public final class Commands {
    /** What a command printed (stdout and stderr together) and its exit code; -1 when it could not run. */
    public record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private static final long TIMEOUT_SECONDS = 30;
    private final Map<String, String> environment;

    public Commands(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The tool's path on PATH, if it is there. */
    public Optional<Path> find(String tool) {
        for (String dir : environment.getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Result run(List<String> command) {
        Optional<Path> tool = find(command.getFirst());
        if (tool.isEmpty()) {
            return new Result(-1, command.getFirst() + ": not found on PATH");
        }
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, tool.get().toString());
        Path output = null;
        try {
            // Into a file rather than a pipe, so that a tool that hangs cannot block the read past the timeout.
            output = Files.createTempFile("ccotel-", ".out");
            ProcessBuilder pb = new ProcessBuilder(resolved).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().clear();
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, String.join(" ", command) + ": interrupted");
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
