package dev.ccotel.app.service;

import java.nio.file.Path;
import java.util.List;

/**
 * A service manager that starts ccotel at login: where its definition file goes, what it holds, and
 * the commands that load, start, stop and unload it. {@link Systemd} on Linux, {@link Launchd} on macOS.
 */
public sealed interface ServicePlatform permits Systemd, Launchd {
    /** The definition file that install writes and uninstall removes. */
    Path file();

    /**
     * Folders that install creates when they are missing, innermost first; uninstall removes those that
     * are then empty, so that install followed by uninstall leaves the tree as it was.
     */
    List<Path> createdFolders();

    /** The file's text for the launcher at {@code launcher}, pinned to the Java at {@code java}. */
    String render(Path launcher, Path java);

    /** The manager's command-line tool, e.g. {@code systemctl}; looked up on PATH. */
    String tool();

    /** A harmless command that succeeds only when the manager answers (a user bus, a GUI session). */
    List<String> probe();

    /** Run after the file is written: load it and start the daemon now and at every login. */
    List<List<String>> afterInstall();

    /** Run before the file is removed: stop the daemon and stop starting it. */
    List<List<String>> beforeUninstall();

    /** Run after the file is removed. */
    List<List<String>> afterUninstall();

    /** Commands whose output shows the daemon's state; the first one's exit code says whether it runs. */
    List<List<String>> status();

    /** The first line of every file ccotel writes, so that uninstall never removes a file it did not write. */
    String MARKER = "Written by 'ccotel service install'; 'ccotel service uninstall' removes it.";
}
