package dev.ccotel.app.compose;

import dev.ccotel.adapter.sqlite.NativeLibraryCopy;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.XdgDirs;
import dev.ccotel.adapter.shellenv.ShellEnvAdapterFactory;
import dev.ccotel.adapter.sqlite.SqliteUsageReader;
import dev.ccotel.adapter.sqlite.StoreInUseException;
import dev.ccotel.adapter.sqlite.StoreMaintenance;
import dev.ccotel.adapter.sqlite.OnDemandImports;
import dev.ccotel.adapter.sqlite.SqliteStore;
import dev.ccotel.adapter.sqlite.StoreConfig;
import dev.ccotel.adapter.transcripts.TranscriptFiles;
import dev.ccotel.adapter.transcripts.prices.PriceList;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.ImportConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.ports.in.ImportSummary;
import dev.ccotel.ports.in.ImportTranscriptsCommand;
import dev.ccotel.ports.service.imports.ImportTranscriptsService;
import dev.ccotel.ports.out.ClaudeSettingsPort;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.out.ReadUsagePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The command line's wires: which adapter each command's use cases run on. The commands name ports and
 * use cases only; this class (with {@link DaemonComposition} for {@code ccotel daemon}) is the one place that
 * names the local store's and the shell environment's adapters, so that a second store (the hub's) is a
 * second composition, not an edit of every command.
 */
public final class CliComposition {
    private CliComposition() {
    }

    /** The local store's history, read-only (reports, status, the dashboard's command). */
    /**
     * sqlite-jdbc's native library from a copy kept in the cache folder, instead of a fresh one in the
     * temporary folder at every start (see {@link NativeLibraryCopy}); before any command opens a store.
     * Without a HOME (or XDG_CACHE_HOME), sqlite-jdbc copies it where it always did.
     */
    public static void keepSqliteLibraryInTheCache(Map<String, String> environment) {
        try {
            NativeLibraryCopy.keepIn(XdgDirs.cache(environment));
        } catch (ConfigError e) {
            // no folder to keep it in: the library's own way
        }
    }

    public static ReadUsagePort usage(Path store) {
        return new SqliteUsageReader(store);
    }

    /** Whether there is a local store at {@code store} at all. */
    public static boolean storeExists(Path store) {
        return Files.isRegularFile(store);
    }

    /** {@code ccotel cc}: the shells' start-up files of the user's environment. */
    public static ShellProfilePort shellProfiles(Map<String, String> environment) {
        return ShellEnvAdapterFactory.create(environment);
    }

    /** {@code ccotel cc}: Claude Code's settings.json of the user's environment. */
    public static ClaudeSettingsPort claudeSettings(Map<String, String> environment) {
        return ShellEnvAdapterFactory.claudeSettings(environment);
    }

    /** A failure that no retry mends and the user must act on: another daemon holds the store. */
    public static boolean isUsageFailure(Throwable e) {
        return e instanceof StoreInUseException;
    }

    /**
     * {@code ccotel import} by hand: Claude Code's transcripts into the local store, which is opened for writing
     * only when something changed, and only when no daemon holds it (checked before any file is read).
     *
     * @throws RuntimeException that {@link #isUsageFailure} knows when a daemon holds the store
     */
    public static ImportSummary importTranscripts(Settings settings, Map<String, String> environment, Clock clock,
            ImportTranscriptsCommand command, int threads) {
        StoreConfig store = DaemonConfig.store(settings, environment);
        try (OnDemandImports imports = SqliteStore.importsOnDemand(store, clock)) {
            if (Files.isRegularFile(store.path())) {
                StoreMaintenance.requireNoDaemon(store.path()); // before reading files whose import could not be kept
            }
            return new ImportTranscriptsService(new TranscriptFiles(), imports,
                    new PriceList(ImportConfig.pricesFile(store.path())), threads).importTranscripts(command);
        }
    }

    /** {@code ccotel store}: looking after the local store file. */
    public static StoreCare store(Path store) {
        return new StoreCare(store);
    }

    /** {@code store check|backup|recover} on one file. */
    public static final class StoreCare {
        private final Path path;

        private StoreCare(Path path) {
            this.path = path;
        }

        /** SQLite's integrity check: empty when sound. */
        public List<String> check() {
            return StoreMaintenance.check(path);
        }

        public void backup(Path target) {
            StoreMaintenance.backup(path, target);
        }

        /** @throws RuntimeException naming the daemon that holds the store */
        public void requireNoDaemon() {
            StoreMaintenance.requireNoDaemon(path);
        }

        /** Moves a damaged store aside and copies what can be read into a new one at the same path. */
        public Recovery recover(Clock clock) {
            StoreMaintenance.Recovery r = StoreMaintenance.recover(path, clock);
            return new Recovery(r.movedAside(), r.kept(), r.lost());
        }
    }

    /**
     * What a recovery kept and lost, per table.
     *
     * @param movedAside where the damaged file now is
     */
    public record Recovery(Path movedAside, Map<String, Long> kept, Map<String, String> lost) {}
}
