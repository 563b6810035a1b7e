package dev.ccotel.app.cli;

import dev.ccotel.adapter.http.client.HttpOutConfig;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.Settings;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ccotel config}: the effective configuration and where each value came from; the token masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (token masked) and where each value came from.")
final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    CcotelCommand parent;

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        ConfigFileCheck.warnIfReadableByOthers(settings, parent.err);
        parent.out.println("# config file: " + settings.file().map(Object::toString).orElse("(none)"));
        for (String key : ConfigKeys.DEFAULTS.keySet()) {
            String value = settings.string(key);
            if (key.equals(ConfigKeys.BACKEND_TOKEN)) {
                value = HttpOutConfig.maskToken(value);
            }
            parent.out.printf("%s: %s  # %s, env %s%n", key, value.isEmpty() ? "\"\"" : value,
                    settings.origin(key).name().toLowerCase(java.util.Locale.ROOT), ConfigKeys.environmentVariable(key));
        }
        return Cli.OK;
    }
}
