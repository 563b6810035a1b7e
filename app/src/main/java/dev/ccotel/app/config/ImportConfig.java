package dev.ccotel.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Claude Code's transcripts are and how often the daemon imports them ({@code import.auto},
 * {@code import.interval}).
 *
 * @param roots the {@code projects} folders to read, see {@link #roots}
 */
public record ImportConfig(List<String> roots, Duration interval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    public ImportConfig {
        roots = List.copyOf(roots);
        if (interval.isZero() || interval.isNegative()) {
            throw new ConfigError(ConfigKeys.IMPORT_INTERVAL + " must be positive, got " + interval
                    + " (write e.g. 10m; turn the import off with " + ConfigKeys.IMPORT_AUTO + ": false)");
        }
    }

    /** The daemon's import; empty when {@code import.auto} is false. The interval is checked either way. */
    static Optional<ImportConfig> from(Settings s, Map<String, String> environment) {
        ImportConfig config = new ImportConfig(roots(environment, List.of()), s.duration(ConfigKeys.IMPORT_INTERVAL));
        return s.bool(ConfigKeys.IMPORT_AUTO) ? Optional.of(config) : Optional.empty();
    }

    /**
     * Every folder Claude Code keeps transcripts in: {@code projects} under each folder of
     * {@code CLAUDE_CONFIG_DIR} (several may be given, comma-separated), under {@code ~/.claude} and under
     * {@code ~/.config/claude} (where newer Claude Code keeps them), then {@code extra}. Folders that do not
     * exist are left to the reader, which finds nothing in them.
     */
    public static List<String> roots(Map<String, String> environment, List<String> extra) {
        List<String> roots = new ArrayList<>();
        String configured = environment.getOrDefault("CLAUDE_CONFIG_DIR", "");
        for (String dir : configured.split(",")) {
            if (!dir.isBlank()) {
                roots.add(Path.of(dir.strip()).resolve("projects").toString());
            }
        }
        String home = environment.getOrDefault("HOME", "");
        if (!home.isBlank()) {
            roots.add(Path.of(home, ".claude", "projects").toString());
            roots.add(Path.of(home, ".config", "claude", "projects").toString());
        }
        roots.addAll(extra);
        return List.copyOf(roots);
    }

    /** The refreshed price list, beside the store: {@code prices.json}. */
    public static Path pricesFile(Path store) {
        return store.resolveSibling("prices.json");
    }
}
