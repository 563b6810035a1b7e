package dev.ccotel.app.config;

import java.nio.file.Path;
import java.util.Map;

/** The XDG base directories, from the environment the app was started with. */
public final class XdgDirs {
    private XdgDirs() {}

    public static Path configFile(Map<String, String> env) {
        return configHome(env).resolve("ccotel").resolve("config.yaml");
    }

    /** {@code $XDG_CONFIG_HOME}, or {@code ~/.config}. */
    public static Path configHome(Map<String, String> env) {
        return base(env, "XDG_CONFIG_HOME", ".config");
    }

    /** The local store: {@code ${XDG_DATA_HOME:-~/.local/share}/ccotel/ccotel.db}. */
    public static Path storeFile(Map<String, String> env) {
        return base(env, "XDG_DATA_HOME", ".local/share").resolve("ccotel").resolve("ccotel.db");
    }

    /** A one-person hub's store, apart from the daemon's: {@code ${XDG_DATA_HOME:-~/.local/share}/ccotel/hub.db}. */
    public static Path hubFile(Map<String, String> env) {
        return base(env, "XDG_DATA_HOME", ".local/share").resolve("ccotel").resolve("hub.db");
    }

    /** Where {@code service install} keeps its copies of the distribution: {@code ${XDG_DATA_HOME:-~/.local/share}/ccotel/dist}. */
    public static Path distributions(Map<String, String> env) {
        return base(env, "XDG_DATA_HOME", ".local/share").resolve("ccotel").resolve("dist");
    }

    /** ccotel's cache, as the launcher names it: {@code ${XDG_CACHE_HOME:-~/.cache}/ccotel}. */
    public static Path cache(Map<String, String> env) {
        return base(env, "XDG_CACHE_HOME", ".cache").resolve("ccotel");
    }

    /**
     * Where a running daemon writes the address of its OTLP/HTTP listener, {@code host:port}, for the
     * launcher's {@code ccotel statusline} and {@code ccotel hook}, which start no JVM to read the config:
     * {@code ${XDG_STATE_HOME:-~/.local/state}/ccotel/daemon-http}.
     */
    public static Path daemonEndpoint(Map<String, String> env) {
        return base(env, "XDG_STATE_HOME", ".local/state").resolve("ccotel").resolve("daemon-http");
    }

    private static Path base(Map<String, String> env, String variable, String fallbackUnderHome) {
        String xdg = env.get(variable);
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) { // the spec: relative paths are ignored
            return Path.of(xdg);
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            throw new ConfigError("HOME is not set, so " + variable + " cannot be derived; set " + variable);
        }
        return Path.of(home, fallbackUnderHome);
    }
}
