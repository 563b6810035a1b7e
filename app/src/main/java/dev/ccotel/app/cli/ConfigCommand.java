package dev.ccotel.app.cli;

import dev.ccotel.adapter.httpout.client.HttpOutConfig;
import dev.ccotel.app.config.ConfigError;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Delivery;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.HostNames;
import dev.ccotel.app.runtime.Version;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccotel config}: the effective configuration and where each value came from, the token masked;
 * then the same validation as {@code ccotel daemon}, so a value the daemon would refuse fails here too.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (token masked) and where each value came from, then check it"
                + " as 'ccotel daemon' would: the last line says whether the daemon would start (exit 2 when it would"
                + " refuse).")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    CcotelCommand parent;

    @Option(names = "--dry-run", description = "Check as 'ccotel daemon --dry-run' would: backend.token may be unset")
    boolean dryRun;

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        ConfigFileCheck.warnIfReadableByOthers(settings, parent.err);
        parent.out.println("# config file: " + settings.file().map(Object::toString).orElse("(none)"));
        for (String key : ConfigKeys.DEFAULTS.keySet()) {
            String value = settings.string(key);
            if (key.equals(ConfigKeys.BACKEND_TOKEN) || key.equals(ConfigKeys.HUB_DATABASE_PASSWORD)) {
                value = HttpOutConfig.maskToken(value);
            }
            parent.out.printf("%s: %s  # %s%s, env %s%n", key, value.isEmpty() ? "\"\"" : value,
                    settings.origin(key).name().toLowerCase(Locale.ROOT),
                    settings.writtenAs(key).map(older -> " as " + older).orElse(""), ConfigKeys.environmentVariable(key));
        }
        DaemonConfig config;
        try {
            config = DaemonConfig.from(settings, parent.environment, Version.VALUE, HostNames.local(parent.environment),
                    dryRun);
        } catch (ConfigError e) {
            parent.out.println("# the daemon would refuse to start: " + e.getMessage());
            parent.out.flush();
            parent.err.println("ccotel: configuration error: " + e.getMessage());
            return Cli.USAGE;
        }
        parent.out.println("# the daemon would start: " + switch (config.delivery()) {
            case Delivery.Stored stored -> "storing in " + stored.storePath() + stored.backend()
                    .map(b -> " and forwarding to " + b.endpoint()).orElse(" (no backend.token: nothing is forwarded)");
            case Delivery.Passthrough p -> "forwarding to " + p.backend().endpoint() + " (passthrough: nothing kept)";
            case Delivery.DryRun d -> "printing each request (--dry-run: nothing kept or forwarded)";
        });
        return Cli.OK;
    }
}
