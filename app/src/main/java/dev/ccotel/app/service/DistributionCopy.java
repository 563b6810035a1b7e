package dev.ccotel.app.service;

import dev.ccotel.app.config.Folders;
import dev.ccotel.app.config.IoReasons;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the distribution for the service to start, per version under the user's data folder
 * ({@code ~/.local/share/ccotel/dist/<version>/}): a unit pointing into a build tree
 * ({@code app/target/...}) broke without a word at the next {@code mvn clean}.
 */
public final class DistributionCopy {
    private static final List<String> PARTS = List.of("bin", "lib", "completion");

    private final Path root;
    private final PrintWriter out;

    /** @param root the folder that holds one copy per version */
    public DistributionCopy(Path root, PrintWriter out) {
        this.root = root;
        this.out = out;
    }

    /**
     * The launcher the service should start: {@code launcher} itself when it already lies in a copy,
     * else the launcher of a fresh copy of its distribution (the folder above its {@code bin/}).
     *
     * @throws IOException when the copy cannot be made; nothing half copied is left at the target
     */
    public Path launcherFor(Path launcher, String version, boolean dryRun) throws IOException {
        Path home = launcher.toAbsolutePath().getParent().getParent();
        Path target = root.resolve(version);
        if (home.startsWith(root)) {
            return launcher;
        }
        Path installed = target.resolve("bin").resolve(launcher.getFileName());
        if (dryRun) {
            out.println("would copy the distribution " + home + " to " + target);
            return installed;
        }
        Path partial = root.resolve(version + ".partial-" + ProcessHandle.current().pid());
        try {
            for (String part : PARTS) {
                if (Files.isDirectory(home.resolve(part))) {
                    copyTree(home.resolve(part), partial.resolve(part));
                }
            }
            Folders.deleteTree(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Folders.deleteTree(partial);
            throw new IOException("cannot copy the distribution to " + target + ": " + IoReasons.of(e), e);
        }
        out.println("copied the distribution " + home + " to " + target + " (the service starts this copy, so"
                + " rebuilding or removing the original does not break it)");
        return installed;
    }

    /**
     * The launcher other programs should run (Claude Code's statusLine and hook): {@code launcher} when it lies in
     * a copy, else this version's copy when {@code service install} made one, else {@code launcher} itself. The
     * copy outlives a {@code mvn clean} of a build tree; {@code service uninstall} removes it again.
     */
    public static Path settledLauncher(Path launcher, Path root, String version) {
        Path absolute = launcher.toAbsolutePath().normalize();
        if (absolute.startsWith(root)) {
            return absolute;
        }
        Path copy = root.resolve(version).resolve("bin").resolve(absolute.getFileName());
        return Files.isRegularFile(copy) && Files.isExecutable(copy) ? copy : absolute;
    }

    /** Removes every copy and the folder that holds them ({@code service uninstall}). */
    public void removeAll() throws IOException {
        Folders.deleteTree(root);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

}
