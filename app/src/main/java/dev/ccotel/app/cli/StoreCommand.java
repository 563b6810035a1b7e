package dev.ccotel.app.cli;

import dev.ccotel.app.compose.CliComposition;
import dev.ccotel.app.config.DaemonConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ccotel store check|backup|recover}: look after the local store ({@code store.path}) by hand. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Check, back up or recover the local store (store.path).")
final class StoreCommand {
    @ParentCommand
    CcotelCommand parent;

    private Path path() {
        return DaemonConfig.storePath(parent.settings(Map.of()), parent.environment);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Run SQLite's integrity check on the store (read-only; safe while the daemon runs)."
                    + " Exit 0 sound, 1 damaged.")
    int check() {
        Path path = path();
        List<String> problems = CliComposition.store(path).check();
        if (problems.isEmpty()) {
            parent.out.println(path + ": ok");
            return Cli.OK;
        }
        parent.out.println(path + ": damaged (SQLite found " + problems.size() + " problem(s)):");
        problems.forEach(p -> parent.out.println("  " + p));
        parent.out.println("Stop the daemon, then 'ccotel store recover' moves the file aside and keeps what can be read.");
        return Cli.FAILURE;
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Copy the store to FILE through SQLite's online backup (consistent while the daemon writes).")
    int backup(@Parameters(paramLabel = "FILE", description = "a new file (never overwritten)") Path target) {
        Path path = path();
        CliComposition.store(path).backup(target);
        parent.out.println("backed up " + path + " to " + target);
        return Cli.OK;
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = "With no daemon running: move a damaged store aside and copy what SQLite can still read"
                    + " into a new store at the same path.")
    int recover() {
        Path path = path();
        CliComposition.store(path).requireNoDaemon();
        parent.err.println("ccotel: recovering " + path + " (reading every row that can be read; this may take a while)");
        CliComposition.Recovery r = CliComposition.store(path).recover(parent.clock);
        parent.out.println("moved the damaged store to " + r.movedAside());
        r.kept().forEach((table, rows) -> parent.out.println("  " + table + ": " + rows + " row(s) kept"
                + (r.lost().containsKey(table) ? "; lost: " + r.lost().get(table) : "")));
        parent.out.println("the new store is " + path + (r.lost().isEmpty() ? "; nothing was lost" : ""));
        return Cli.OK;
    }
}
