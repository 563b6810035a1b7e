package dev.ccotel.app.cli;

import dev.ccotel.app.compose.CliComposition;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.adapter.transcripts.prices.PriceRefresh;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.ImportConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.ports.in.ImportSummary;
import dev.ccotel.ports.in.ImportTranscriptsCommand;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccotel import}: Claude Code's transcripts into the local store, for the history before ccotel
 * and while no daemon ran. Only files that changed since the last import are read.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import Claude Code's transcripts (~/.claude/projects, ~/.config/claude/projects,"
                + " $CLAUDE_CONFIG_DIR/projects) into the local store: sessions telemetry never saw, and the rest of"
                + " sessions whose telemetry is incomplete; never one counted twice.",
                "A running daemon does this by itself (import.auto, every import.interval)."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    CcotelCommand parent;

    @Option(names = "--from", paramLabel = "DIR", description = "Also import the transcripts under DIR (may be repeated)")
    List<Path> from = new ArrayList<>();

    @Option(names = "--json", description = "Print what was imported as JSON")
    boolean json;

    @Option(names = "--refresh-prices", arity = "0..1", paramLabel = "URL", fallbackValue = "",
            description = "Fetch LiteLLM's price list (or the one at URL), keep its Claude models' prices for estimates,"
                    + " and stop")
    String refreshPrices;

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        Path store = DaemonConfig.storePath(settings, parent.environment);
        if (refreshPrices != null) {
            return refresh(store);
        }
        List<String> roots = ImportConfig.roots(parent.environment,
                from.stream().map(p -> p.toAbsolutePath().toString()).toList());
        ImportSummary summary;
        try {
            ProgressLine progress = new ProgressLine(parent.err, onATerminal() && !json);
            summary = CliComposition.importTranscripts(settings, parent.environment, parent.clock,
                    new ImportTranscriptsCommand(roots, progress), Runtime.getRuntime().availableProcessors());
            progress.done();
        } catch (RuntimeException e) {
            if (!CliComposition.isUsageFailure(e)) {
                throw e;
            }
            parent.err.println("ccotel: " + e.getMessage());
            parent.err.println("A running daemon imports Claude Code's transcripts by itself, at start and every "
                    + settings.string(ConfigKeys.IMPORT_INTERVAL) + " (" + ConfigKeys.IMPORT_AUTO + ": "
                    + settings.string(ConfigKeys.IMPORT_AUTO) + "); stop it to import by hand.");
            return Cli.FAILURE;
        }
        parent.out.println(json ? json(summary, roots) : text(summary, roots));
        return Cli.OK;
    }

    private int refresh(Path store) {
        URI url = refreshPrices.isBlank() ? PriceRefresh.LITELLM : URI.create(refreshPrices);
        try {
            PriceRefresh.Refreshed r = PriceRefresh.refresh(url, ImportConfig.pricesFile(store), parent.clock);
            parent.out.println("Kept the prices of " + r.models() + " Claude model(s) from " + url + ", dated " + r.asOf()
                    + ", in " + r.file() + ". Sessions imported from now on are estimated with them.");
            return Cli.OK;
        } catch (IOException | IllegalArgumentException e) {
            parent.err.println("ccotel: cannot refresh the price list: " + e.getMessage());
            return Cli.FAILURE;
        }
    }

    private static String text(ImportSummary s, List<String> roots) {
        if (s.filesFound() == 0) {
            return "No Claude Code transcripts under\n  " + String.join("\n  ", roots)
                    + "\n('--from DIR' reads another folder of them.)";
        }
        if (s.filesRead() == 0) {
            return String.format(Locale.ROOT, "Nothing new: the %,d transcript file(s) are as the last import read them.",
                    s.filesFound());
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Imported %,d session(s) from %,d changed transcript file(s) (%s); %,d file(s) found in all under%n  %s",
                s.sessionsKept(), s.filesRead(), megabytes(s.bytesRead()), s.filesFound(), String.join("\n  ", roots)));
        if (!s.skipped().isEmpty()) {
            out.append(String.format("%nSkipped: ")).append(String.join(", ", s.skipped().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).toList()));
        }
        if (s.unsettled() > 0) {
            out.append(String.format(Locale.ROOT, "%n%,d session(s) were still being written: kept as far as written"
                    + " (usage after Claude Code's last cost-state estimated), and read again when they grow.",
                    s.unsettled()));
        }
        return out.toString();
    }

    private static String json(ImportSummary s, List<String> roots) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        roots.forEach(root.putArray("roots")::add);
        root.put("filesFound", s.filesFound());
        root.put("filesRead", s.filesRead());
        root.put("bytesRead", s.bytesRead());
        root.put("sessionsImported", s.sessionsKept());
        root.put("sessionsUnsettled", s.unsettled());
        ObjectNode skipped = root.putObject("skipped");
        s.skipped().forEach(skipped::put);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a person watches: JDK 21 has no console when the streams are redirected; later JDKs always have one and
     * say through {@code Console.isTerminal()} (called by name: this builds for release 21).
     */
    private static boolean onATerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException olderJdk) {
            return true;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** A line on the terminal, redrawn at most five times a second; nothing when the output is not a console. */
    private static final class ProgressLine implements java.util.function.Consumer<ImportTranscriptsCommand.Progress> {
        private final java.io.PrintStream err;
        private final boolean shown;
        private long lastNanos;
        private boolean drawn;

        ProgressLine(java.io.PrintStream err, boolean shown) {
            this.err = err;
            this.shown = shown;
        }

        @Override
        public void accept(ImportTranscriptsCommand.Progress p) {
            long now = System.nanoTime();
            if (!shown || now - lastNanos < 200_000_000L && p.filesDone() < p.filesToRead()) {
                return;
            }
            lastNanos = now;
            drawn = true;
            err.printf(Locale.ROOT, "\rimporting: %,d/%,d files, %s of %s (%d%%)   ", p.filesDone(), p.filesToRead(),
                    megabytes(p.bytesDone()), megabytes(p.bytesToRead()),
                    p.bytesToRead() == 0 ? 100 : p.bytesDone() * 100 / p.bytesToRead());
            err.flush();
        }

        void done() {
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
