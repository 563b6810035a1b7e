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
    /** Keys whose value was given under an older name ({@link ConfigKeys#ALIASES}), with that name. */
    private final Map<String, String> writtenAs;
    private final Optional<Path> file;

    private Settings(Config config, Map<String, Origin> origins, Map<String, String> writtenAs, Optional<Path> file) {
        this.config = config;
        this.origins = origins;
        this.writtenAs = writtenAs;
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
        Map<String, String> rawFile = readable.map(Settings::readFile).orElse(Map.of());
        Map<String, String> rawEnv = new LinkedHashMap<>();
        for (String key : ConfigKeys.accepted()) {
            String value = environment.get(ConfigKeys.environmentVariable(key));
            if (value != null) {
                rawEnv.put(key, value);
            }
        }
        Map<String, String> writtenAs = new LinkedHashMap<>();
        // The first source that sets a key is the one that counts, so its older name is the one to report.
        Map<String, String> fromFlags = underKeys(flags, writtenAs);
        Map<String, String> fromEnv = underKeys(rawEnv, writtenAs);
        Map<String, String> fromFile = underKeys(rawFile, writtenAs);
        // Helidon gives earlier sources priority: flags first, defaults last.
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(List.of(
                        ConfigSources.create(fromFlags, "command line"),
                        ConfigSources.create(fromEnv, "environment"),
                        ConfigSources.create(fromFile, readable.map(Path::toString).orElse("no config file")),
                        ConfigSources.create(ConfigKeys.DEFAULTS, "defaults")))
                .build();
        Map<String, Origin> origins = new LinkedHashMap<>();
        for (String key : ConfigKeys.DEFAULTS.keySet()) {
            origins.put(key, fromFlags.containsKey(key) ? Origin.FLAG
                    : fromEnv.containsKey(key) ? Origin.ENVIRONMENT
                    : fromFile.containsKey(key) ? Origin.FILE : Origin.DEFAULT);
        }
        return new Settings(config, origins, writtenAs, readable);
    }

    /**
     * One source's values with older names turned into the keys they spell; the key itself wins
     * over its older name in the same source. Notes in {@code writtenAs} each key a source set only
     * under an older name, unless an earlier (stronger) source set that key already.
     */
    private static Map<String, String> underKeys(Map<String, String> values, Map<String, String> writtenAs) {
        Map<String, String> keyed = new LinkedHashMap<>(values);
        ConfigKeys.ALIASES.forEach((older, key) -> {
            String value = keyed.remove(older);
            if (value != null && !keyed.containsKey(key)) {
                keyed.put(key, value);
                writtenAs.putIfAbsent(key, older);
            } else if (keyed.containsKey(key)) {
                writtenAs.putIfAbsent(key, key);
            }
        });
        return keyed;
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

    /** The older name {@code key}'s value was given under, if it was ({@link ConfigKeys#ALIASES}). */
    public Optional<String> writtenAs(String key) {
        return Optional.ofNullable(writtenAs.get(key)).filter(name -> !name.equals(key));
    }

    /** {@code message} with each key that was given under an older name followed by that name, so the user finds it. */
    public String asWritten(String message) {
        String said = message;
        for (String key : ConfigKeys.ALIASES.values()) {
            Optional<String> older = writtenAs(key);
            if (older.isPresent()) {
                said = said.replace(key, key + " (set as " + older.get() + ")");
            }
        }
        return said;
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
                if (ConfigKeys.accepted().contains(key)) {
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
                ConfigKeys.closestKey(key)
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
        if (!ConfigKeys.accepted().contains(key)) {
            throw new ConfigError(where + ": unknown key '" + key + "'"
                    + ConfigKeys.closestKey(key).map(k -> " (did you mean " + k + "?)").orElse("")
                    + "; known keys are " + ConfigKeys.DEFAULTS.keySet());
        }
    }
}
