package dev.ccotel.app.cli;

import dev.ccotel.app.compose.CliComposition;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.StatuslineConfig;
import dev.ccotel.app.report.BudgetLine;
import dev.ccotel.ports.service.report.ReportUsageService;
import dev.ccotel.ports.service.statusline.Budgets;
import dev.ccotel.ports.service.statusline.Spend;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.Settings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccotel status}: is a daemon running on the configured ports, and how is it doing (see
 * {@link DaemonProbe}: a slow daemon is waited for, said so, and never called absent).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Tell whether a ccotel daemon runs on the configured ports, where it sends, and what waits.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a daemon is running", "1:something listens there but gives no daemon's answer",
            "2:usage or configuration error", "3:nothing listens on the configured ports"})
final class StatusCommand implements Callable<Integer> {
    static final int NOT_RUNNING = 3;

    /**
     * Made on first use: picocli creates every command object for every command line, so a static
     * mapper here cost every command, {@code --version} included, about 375 Jackson classes.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @ParentCommand
    CcotelCommand parent;

    @Option(names = "--json", description = "Print JSON: the daemon's /status document with \"running\": true, or"
            + " {\"running\": false, ...} when none answers")
    boolean json;

    @Override
    public Integer call() {
        Settings s = parent.settings(Map.of());
        DaemonProbe.Found found = DaemonProbe.probe(s, line -> parent.err.println("ccotel: " + line));
        return switch (found) {
            case DaemonProbe.Found.Running r when r.statusJson().isPresent() -> {
                if (json) {
                    parent.out.println(withRunning(r.statusJson().get()));
                } else {
                    print(r.statusJson().get());
                    budget(s);
                }
                yield Cli.OK;
            }
            case DaemonProbe.Found.Running r -> {
                String why = s.bool(ConfigKeys.RECEIVER_HTTP_ENABLED) ? "its status page did not answer"
                        : "its details need the OTLP/HTTP listener (receiver.http.enabled: true)";
                say(true, r.address(), "a ccotel daemon answers on " + r.address() + " (gRPC health: SERVING); " + why);
                yield Cli.OK;
            }
            case DaemonProbe.Found.NothingListens n -> {
                say(false, String.join(", ", n.addresses()), "no ccotel daemon runs: nothing listens on "
                        + String.join(" or ", n.addresses()) + ". Start one with 'ccotel daemon' (foreground) or"
                        + " 'ccotel service install' (at login).");
                yield NOT_RUNNING;
            }
            case DaemonProbe.Found.NoAnswer a -> {
                say(null, a.address(), "cannot tell whether a ccotel daemon runs on " + a.address() + ": " + a.why() + ".");
                yield Cli.FAILURE;
            }
        };
    }

    /** Spend against the budgets ({@code budget.*}), from the local store, when any is set. */
    private void budget(Settings s) {
        Budgets budgets = StatuslineConfig.budgets(s);
        if (!budgets.any()) {
            return;
        }
        var reader = CliComposition.usage(DaemonConfig.storePath(s, parent.environment));
        try {
            parent.out.println("  " + BudgetLine.of(budgets, Spend.of(new ReportUsageService(reader, parent.clock),
                    parent.clock, parent.clock.getZone())));
        } catch (IllegalStateException e) {
            parent.out.println("  budget: cannot read the local store: " + e.getMessage());
        }
    }

    /** One sentence, or with {@code --json} an object: {@code running} true, false, or null (cannot tell). */
    private void say(Boolean running, String address, String message) {
        if (!json) {
            parent.out.println(message);
            return;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (running == null) {
            node.putNull("running");
        } else {
            node.put("running", running);
        }
        node.put("address", address).put("message", message);
        parent.out.println(node);
    }

    private static String withRunning(String document) {
        try {
            JsonNode tree = Json.MAPPER.readTree(document);
            if (tree instanceof ObjectNode object) {
                ObjectNode out = Json.MAPPER.createObjectNode().put("running", true);
                out.setAll(object);
                return out.toString();
            }
        } catch (IOException e) {
            // printed as the daemon sent it
        }
        return document;
    }

    /** The status document in a few lines for a person. */
    private void print(String document) {
        JsonNode st;
        try {
            st = Json.MAPPER.readTree(document);
        } catch (IOException e) {
            parent.out.println(document);
            return;
        }
        Instant now = parent.clock.instant();
        parent.out.printf("ccotel %s is running (pid %d, up %s)%n", st.path("version").asText(), st.path("pid").asLong(),
                ago(Duration.ofSeconds(st.path("uptimeSeconds").asLong())));
        StringBuilder listeners = new StringBuilder();
        st.path("listeners").forEach(l -> listeners.append(listeners.isEmpty() ? "" : ", ")
                .append(l.path("protocol").asText()).append(' ').append(l.path("address").asText()));
        parent.out.println("  listening: " + listeners);
        st.path("destinations").forEach(d -> {
            String success = when(d.path("lastSuccess"), now).map(t -> "last success " + t).orElse("no success yet");
            String error = d.path("lastError").isObject()
                    ? "; last error " + when(d.path("lastError").path("at"), now).orElse("") + ": "
                            + d.path("lastError").path("message").asText()
                    : "";
            parent.out.println("  " + d.path("name").asText() + ": " + success + error);
        });
        JsonNode outbox = st.path("outbox");
        if (!outbox.isMissingNode()) {
            parent.out.printf("  outbox: %,d request(s), %,d bytes waiting%s; %,d refused by the backend%n",
                    outbox.path("requests").asLong(), outbox.path("bytes").asLong(),
                    when(outbox.path("oldest"), now).map(t -> ", oldest kept " + t).orElse(""),
                    outbox.path("refused").asLong());
        }
        StringBuilder exports = new StringBuilder();
        st.path("exports").fields().forEachRemaining(signal -> {
            long total = 0;
            for (JsonNode n : signal.getValue()) {
                total += n.asLong();
            }
            exports.append(exports.isEmpty() ? "" : ", ").append(signal.getKey()).append(' ').append(total);
        });
        parent.out.println("  exports received: " + exports + when(st.path("lastExportAt"), now)
                .map(t -> "; the last " + t).orElse("; none yet"));
    }

    private static Optional<String> when(JsonNode node, Instant now) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ago(Duration.between(Instant.parse(node.asText()), now)) + " ago");
        } catch (RuntimeException e) {
            return Optional.of(node.asText());
        }
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7_200) {
            return s / 60 + " min";
        }
        return s / 3_600 + " h " + s / 60 % 60 + " min";
    }
}
