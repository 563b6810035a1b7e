package dev.ccotel.app.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The effective configuration: built-in defaults, then the YAML file, then {@code CCOTEL_*}
 * environment variables, then command-line flags; a later source wins. Read once, in {@code app}.
 */
public final class Settings {
    /** Where a value came from, for {@code ccotel config}. */
    public enum Origin { DEFAULT, FILE, ENVIRONMENT, FLAG }

    private final Config config;
    private final Map<String, Origin> origins;
    private final Optional<Path> file;

    private Settings(Config config, Map<String, Origin> origins, Optional<Path> file) {
        this.config = config;
        this.origins = origins;
        this.file = file;
    }

    /**
     * @param explicitFile {@code --config}: must exist; otherwise the default file is read if present
     * @param environment the process environment (HOME, XDG_CONFIG_HOME and CCOTEL_* are read)
     * @param flags values given on the command line, by config key
     */
    public static Settings load(Optional<Path> explicitFile, Map<String, String> environment, Map<String, String> flags) {
        for (String key : flags.keySet()) {
            requireKnown(key, "command line");
        }
        Optional<Path> readable = explicitFile.isPresent() ? Optional.of(requireFile(explicitFile.get(), "--config ",
                "name the YAML file in it"))
                : defaultFile(XdgDirs.configFile(environment));
        Map<String, String> fromFile = readable.map(Settings::readFile).orElse(Map.of());
        Map<String, String> fromEnv = new LinkedHashMap<>();
        for (String key : ConfigKeys.DEFAULTS.keySet()) {
            String value = environment.get(ConfigKeys.environmentVariable(key));
            if (value != null) {
                fromEnv.put(key, value);
            }
        }
        // Helidon gives earlier sources priority: flags first, defaults last.
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(List.of(
                        ConfigSources.create(flags, "command line"),
                        ConfigSources.create(fromEnv, "environment"),
                        ConfigSources.create(fromFile, readable.map(Path::toString).orElse("no config file")),
                        ConfigSources.create(ConfigKeys.DEFAULTS, "defaults")))
                .build();
        Map<String, Origin> origins = new LinkedHashMap<>();
        for (String key : ConfigKeys.DEFAULTS.keySet()) {
            origins.put(key, flags.containsKey(key) ? Origin.FLAG
                    : fromEnv.containsKey(key) ? Origin.ENVIRONMENT
                    : fromFile.containsKey(key) ? Origin.FILE : Origin.DEFAULT);
        }
        return new Settings(config, origins, readable);
    }

    /** The file that was read, if any. */
    public Optional<Path> file() {
        return file;
    }

    public String string(String key) {
        return config.get(key).asString().orElse("");
    }

    public Origin origin(String key) {
        return origins.get(key);
    }

    public int integer(String key, int min, int max) {
        return ConfigValueParser.integer(key, string(key), min, max);
    }

    public boolean bool(String key) {
        return ConfigValueParser.bool(key, string(key));
    }

    public Duration duration(String key) {
        return ConfigValueParser.duration(key, string(key));
    }

    public long bytes(String key) {
        return ConfigValueParser.bytes(key, string(key));
    }

    /** The file {@code --config} names: it must be a readable file; the message says why it is not. */
    private static Path requireFile(Path path, String what, String hint) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ConfigError(what + path + ": " + IoReasons.of(e, path));
        }
        if (attributes.isDirectory()) {
            throw new ConfigError(what + path + " is a directory, not a file; " + hint);
        }
        return path;
    }

    /** The default file, if it is there: absent is fine, anything else that stops it being read is an error. */
    private static Optional<Path> defaultFile(Path path) {
        try {
            Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            String reason = IoReasons.of(absent, path);
            if (reason.startsWith("Not a directory")) {
                throw new ConfigError(path + ": cannot read the config file: " + reason);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read the config file: " + IoReasons.of(e));
        }
        return Optional.of(requireFile(path, "", "ccotel reads its settings from this path as a YAML file:"
                + " move the folder away, or name a file with --config"));
    }

    /** The YAML file flattened to dotted keys; an unknown key is most likely a typo and stops start-up. */
    private static Map<String, String> readFile(Path path) {
        // Opened here first: Helidon's message for an unreadable file does not say why.
        try (var channel = Files.newByteChannel(path)) {
            channel.size();
        } catch (IOException e) {
            throw new ConfigError(path + ": cannot read the config file: " + IoReasons.of(e), e);
        }
        Config fileConfig;
        try {
            fileConfig = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .addSource(ConfigSources.file(path))
                    .build();
        } catch (ConfigException e) {
            throw new ConfigError(path + ": cannot read the config file: " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        try {
            fileConfig.traverse().filter(Config::isLeaf).forEach(node -> {
                String key = node.key().toString();
                if (ConfigKeys.DEFAULTS.containsKey(key)) {
                    values.put(key, node.asString().orElse(""));
                } else {
                    unknown.add(key);
                }
            });
        } catch (ConfigException e) {
            throw new ConfigError(path + ": cannot read the config file: " + e.getMessage(), e);
        }
        for (String key : unknown) {
            if (ConfigKeys.RETIRED.containsKey(key)) {
                throw new ConfigError(path + ": " + key + " is no longer a key: " + ConfigKeys.RETIRED.get(key));
            }
        }
        if (!unknown.isEmpty()) {
            StringBuilder hints = new StringBuilder();
            for (String key : new TreeSet<>(unknown)) {
                NearMiss.closest(key, ConfigKeys.DEFAULTS.keySet())
                        .ifPresent(k -> hints.append(hints.isEmpty() ? "; did you mean " : ", ").append(k)
                                .append(" for ").append(key));
            }
            throw new ConfigError(path + ": unknown key(s) " + new TreeSet<>(unknown)
                    + (hints.isEmpty() ? "" : hints + "?") + "; known keys are " + ConfigKeys.DEFAULTS.keySet());
        }
        return values;
    }

    private static void requireKnown(String key, String where) {
        if (ConfigKeys.RETIRED.containsKey(key)) {
            throw new ConfigError(where + ": " + key + " is no longer a key: " + ConfigKeys.RETIRED.get(key));
        }
        if (!ConfigKeys.DEFAULTS.containsKey(key)) {
            throw new ConfigError(where + ": unknown key '" + key + "'" + NearMiss.hint(key, ConfigKeys.DEFAULTS.keySet())
                    + "; known keys are " + ConfigKeys.DEFAULTS.keySet());
        }
    }
}
