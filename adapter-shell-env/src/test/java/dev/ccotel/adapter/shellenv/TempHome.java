package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A user's home folder inside a test's temporary folder, and the environment that points at it. */
final class TempHome {

    final Path root;
    final Path home;
    private final Map<String, String> environment = new HashMap<>();

    TempHome(Path root) {
        this.root = root;
        this.home = root.resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.put("HOME", home.toString());
    }

    TempHome with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    TempHome without(String variable) {
        environment.remove(variable);
        return this;
    }

    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    ShellProfilePort port() {
        return ShellEnvAdapterFactory.create(environment);
    }

    ShellProfilePort port(RcFileStore store) {
        return new ShellProfileAdapter(
                new ShellLocations(environment), new ShellDetector(environment), store);
    }

    static TelemetryEnv telemetry(int port) {
        return TelemetryEnvPolicy.decide(TelemetryEnvOptions.defaults(port));
    }

    Path write(String relative, String latin1) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, latin1.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }

    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code entries} plus what locking {@code rcFile} leaves under ccotel's state folder (the folders and the
     * empty lock file), sorted like {@link #tree()}.
     */
    List<String> treeWithLockOf(Path rcFile, String... entries) throws IOException {
        Path lock = new FileLocks(new ShellLocations(environment)).lockFileOf(rcFile);
        List<String> expected = new ArrayList<>(List.of(entries));
        for (Path p = lock; !p.equals(home); p = p.getParent()) {
            expected.add(root.relativize(p).toString());
        }
        return expected.stream().sorted().toList();
    }

    /** Every path under the root, to show that a failed or dry run left no file behind. */
    List<String> tree() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** Sets or clears the immutable attribute, which even root cannot write through; false if unsupported. */
    static boolean immutable(Path path, boolean on) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("chattr", on ? "+i" : "-i", path.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException noChattr) {
            return false;
        }
    }
}
