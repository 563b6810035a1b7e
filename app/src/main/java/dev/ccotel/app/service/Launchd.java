package dev.ccotel.app.service;

import java.nio.file.Path;
import java.util.List;

/** A launchd agent: {@code ~/Library/LaunchAgents/dev.ccotel.daemon.plist}, loaded into {@code gui/<uid>}. */
public record Launchd(Path home, long uid) implements ServicePlatform {
    static final String LABEL = "dev.ccotel.daemon";

    @Override
    public Path file() {
        return home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist");
    }

    /** ~/Library/LaunchAgents is a standard macOS folder: never removed. */
    @Override
    public List<Path> createdFolders() {
        return List.of();
    }

    /** The log file: launchd has no journal, so stdout and stderr go to ~/Library/Logs/ccotel.log. */
    Path log() {
        return home.resolve("Library").resolve("Logs").resolve("ccotel.log");
    }

    @Override
    public String render(Path launcher, Path java) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<!-- " + MARKER + " -->\n"
                + "<plist version=\"1.0\">\n"
                + "<dict>\n"
                + "    <key>Label</key>\n"
                + "    <string>" + LABEL + "</string>\n"
                + "    <key>ProgramArguments</key>\n"
                + "    <array>\n"
                + "        <string>" + xml(launcher.toString()) + "</string>\n"
                + "        <string>daemon</string>\n"
                + "    </array>\n"
                + "    <key>EnvironmentVariables</key>\n"
                + "    <dict>\n"
                + "        <key>CCOTEL_JAVA</key>\n"
                + "        <string>" + xml(java.toString()) + "</string>\n"
                + "    </dict>\n"
                + "    <key>RunAtLoad</key>\n"
                + "    <true/>\n"
                + "    <key>KeepAlive</key>\n"
                + "    <true/>\n"
                + "    <key>StandardOutPath</key>\n"
                + "    <string>" + xml(log().toString()) + "</string>\n"
                + "    <key>StandardErrorPath</key>\n"
                + "    <string>" + xml(log().toString()) + "</string>\n"
                + "</dict>\n"
                + "</plist>\n";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private String domain() {
        return "gui/" + uid;
    }

    @Override
    public String tool() {
        return "launchctl";
    }

    @Override
    public List<String> probe() {
        return List.of("launchctl", "print", domain());
    }

    @Override
    public List<List<String>> afterInstall() {
        return List.of(List.of("launchctl", "bootstrap", domain(), file().toString()));
    }

    @Override
    public List<List<String>> beforeUninstall() {
        return List.of(List.of("launchctl", "bootout", domain() + "/" + LABEL));
    }

    @Override
    public List<List<String>> afterUninstall() {
        return List.of();
    }

    @Override
    public List<List<String>> status() {
        return List.of(List.of("launchctl", "print", domain() + "/" + LABEL));
    }
}
