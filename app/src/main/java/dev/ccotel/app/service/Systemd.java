package dev.ccotel.app.service;

import java.nio.file.Path;
import java.util.List;

/** A systemd user unit: {@code ${XDG_CONFIG_HOME:-~/.config}/systemd/user/ccotel.service}. */
public record Systemd(Path configHome) implements ServicePlatform {
    static final String UNIT = "ccotel.service";

    @Override
    public Path file() {
        return configHome.resolve("systemd").resolve("user").resolve(UNIT);
    }

    @Override
    public List<Path> createdFolders() {
        return List.of(file().getParent(), file().getParent().getParent());
    }

    /** stdout and stderr go to the journal (the default for services, said so explicitly). */
    @Override
    public String render(Path launcher, Path java) {
        return "# " + MARKER + "\n"
                + "[Unit]\n"
                + "Description=ccotel: keeps Claude Code telemetry (and forwards it when a backend token is set)\n"
                + "\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "Environment=" + quote("CCOTEL_JAVA=" + java, false) + "\n"
                + "ExecStart=" + quote(launcher.toString(), true) + " daemon\n"
                + "Restart=on-failure\n"
                + "RestartSec=5\n"
                // Exit 2 is a configuration error, or a second daemon on one store: a restart every 5 s cannot mend it.
                + "RestartPreventExitStatus=2\n"
                + "StandardOutput=journal\n"
                + "StandardError=journal\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=default.target\n";
    }

    /**
     * systemd's quoting: double quotes and backslash escapes; % doubled everywhere so it is not a
     * specifier, and $ doubled in a command line so it is not a variable.
     */
    static String quote(String word, boolean commandLine) {
        String escaped = word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%");
        escaped = commandLine ? escaped.replace("$", "$$") : escaped;
        return escaped.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c == '\'') || !escaped.equals(word)
                ? "\"" + escaped + "\"" : escaped;
    }

    @Override
    public String tool() {
        return "systemctl";
    }

    @Override
    public List<String> probe() {
        return List.of("systemctl", "--user", "show-environment");
    }

    @Override
    public List<List<String>> afterInstall() {
        return List.of(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", "--now", UNIT));
    }

    @Override
    public List<List<String>> beforeUninstall() {
        return List.of(List.of("systemctl", "--user", "disable", "--now", UNIT));
    }

    @Override
    public List<List<String>> afterUninstall() {
        return List.of(List.of("systemctl", "--user", "daemon-reload"));
    }

    @Override
    public List<List<String>> status() {
        return List.of(List.of("systemctl", "--user", "is-active", UNIT),
                List.of("systemctl", "--user", "is-enabled", UNIT));
    }
}
