package dev.ccotel.app.service;

import dev.ccotel.app.config.IoReasons;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code ccotel service install|uninstall|status}: writes or removes the platform's definition file and
 * runs its manager's commands when the manager answers, else prints them for the user to run. Only a
 * file carrying {@link ServicePlatform#MARKER} is replaced or removed, so uninstall removes exactly what
 * install wrote. Exit codes: 0 done, 1 failed, 3 (status) not installed or not running.
 */
public final class ServiceInstaller {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int NOT_RUNNING = 3;

    private final ServicePlatform platform;
    private final Commands commands;
    private final PrintWriter out;
    private final PrintWriter err;

    public ServiceInstaller(ServicePlatform platform, Commands commands, PrintWriter out, PrintWriter err) {
        this.platform = platform;
        this.commands = commands;
        this.out = out;
        this.err = err;
    }

    public int install(Path launcher, Path java, boolean dryRun) {
        Path file = platform.file();
        String content = platform.render(launcher, java);
        Optional<String> existing = read(file);
        if (existing.isPresent() && !existing.get().contains(ServicePlatform.MARKER)) {
            err.println("ccotel: " + file + " exists and was not written by ccotel; left alone (remove it first)");
            return FAILURE;
        }
        if (dryRun) {
            out.println("would write " + file + ":");
            out.print(content);
            out.println("would run:");
            platform.afterInstall().forEach(c -> out.println("  " + String.join(" ", c)));
            return OK;
        }
        if (existing.equals(Optional.of(content))) {
            out.println(file + ": unchanged");
        } else {
            try {
                write(file, content);
            } catch (IOException e) {
                err.println("ccotel: cannot write " + file + ": " + IoReasons.of(e));
                return FAILURE;
            }
            out.println((existing.isPresent() ? "updated " : "wrote ") + file);
        }
        return manage(platform.afterInstall(), true, managerAnswers());
    }

    public int uninstall(boolean dryRun) {
        Path file = platform.file();
        Optional<String> existing = read(file);
        if (existing.isEmpty()) {
            out.println("not installed: no " + file);
            return OK;
        }
        if (!existing.get().contains(ServicePlatform.MARKER)) {
            err.println("ccotel: " + file + " was not written by ccotel; left alone");
            return FAILURE;
        }
        if (dryRun) {
            out.println("would run:");
            platform.beforeUninstall().forEach(c -> out.println("  " + String.join(" ", c)));
            out.println("would remove " + file);
            platform.afterUninstall().forEach(c -> out.println("would run: " + String.join(" ", c)));
            return OK;
        }
        Optional<String> silent = managerAnswers(); // asked once: stopping changes nothing about the manager
        if (silent.isEmpty()) {
            manage(platform.beforeUninstall(), false, silent); // a daemon that is not loaded cannot be stopped: go on
        }
        try {
            Files.delete(file);
            for (Path folder : platform.createdFolders()) {
                deleteIfEmpty(folder);
            }
        } catch (IOException e) {
            err.println("ccotel: cannot remove " + file + ": " + IoReasons.of(e));
            return FAILURE;
        }
        out.println("removed " + file);
        if (silent.isPresent()) {
            List<List<String>> all = new ArrayList<>(platform.beforeUninstall());
            all.addAll(platform.afterUninstall());
            return printInstead(all, silent.get());
        }
        return manage(platform.afterUninstall(), true, silent);
    }

    /**
     * @param askTheDaemon asked when the service manager does not answer (no user bus, as in a
     *     container): a daemon that answers on its ports is running, whoever started it
     */
    public int status(Supplier<DaemonAnswer> askTheDaemon) {
        Path file = platform.file();
        Optional<String> existing = read(file);
        if (existing.isEmpty()) {
            out.println("not installed: no " + file + "; run 'ccotel service install'");
            return NOT_RUNNING;
        }
        out.println("installed: " + file + (existing.get().contains(ServicePlatform.MARKER) ? ""
                : " (not written by ccotel)"));
        Optional<String> silent = managerAnswers();
        if (silent.isPresent()) {
            DaemonAnswer answer = askTheDaemon.get();
            out.println("the service manager cannot say whether it runs (" + silent.get() + "); the daemon's ports: "
                    + answer.sentence());
            return answer.running() == null ? FAILURE : answer.running() ? OK : NOT_RUNNING;
        }
        int exit = OK;
        List<List<String>> steps = platform.status();
        for (int i = 0; i < steps.size(); i++) {
            Commands.Result r = commands.run(steps.get(i));
            out.println(String.join(" ", steps.get(i)) + ": " + (r.output().isEmpty() ? "exit " + r.exit() : r.output()));
            if (i == 0 && !r.ok()) {
                exit = NOT_RUNNING;
            }
        }
        return exit;
    }

    /** Runs the commands when the manager answers ({@code silent} empty), else prints them. */
    private int manage(List<List<String>> steps, boolean failOnError, Optional<String> silent) {
        if (silent.isPresent()) {
            return printInstead(steps, silent.get());
        }
        for (List<String> command : steps) {
            Commands.Result r = commands.run(command);
            if (r.ok()) {
                out.println("ran: " + String.join(" ", command));
            } else {
                err.println("ccotel: " + String.join(" ", command) + " failed (exit " + r.exit() + "): " + r.output());
                if (failOnError) {
                    return FAILURE;
                }
            }
        }
        return OK;
    }

    private int printInstead(List<List<String>> steps, String why) {
        if (steps.isEmpty()) {
            return OK;
        }
        out.println(why + "; run these yourself:");
        steps.forEach(c -> out.println("  " + String.join(" ", c)));
        return OK;
    }

    /** Empty when the manager answers; else why not. */
    private Optional<String> managerAnswers() {
        if (commands.find(platform.tool()).isEmpty()) {
            return Optional.of(platform.tool() + " is not on PATH");
        }
        Commands.Result probe = commands.run(platform.probe());
        if (!probe.ok()) {
            return Optional.of(String.join(" ", platform.probe()) + " did not answer ("
                    + (probe.output().isEmpty() ? "exit " + probe.exit() : probe.output().lines().findFirst().orElse(""))
                    + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.of(""); // unreadable: treated as not ours, so it is left alone
        }
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // nothing to remove
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
