package dev.ccotel.app.cli;

import dev.ccotel.app.config.ListenAddress;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.Settings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ccotel dashboard}: the daemon's dashboard URL, opened in the user's browser. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Print the dashboard's address (served by the daemon on receiver.http.port) and open it in",
            "the browser (xdg-open, open). Exit 3 when no daemon runs."})
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand
    CcotelCommand parent;

    @Option(names = "--no-open", description = "Print the address only")
    boolean noOpen;

    @Override
    public Integer call() {
        Settings s = parent.settings(Map.of());
        if (!s.bool(ConfigKeys.RECEIVER_HTTP_ENABLED)) {
            parent.err.println("ccotel: the dashboard is served on the OTLP/HTTP listener, which is off"
                    + " (receiver.http.enabled: false)");
            return Cli.USAGE;
        }
        String host = s.string(ConfigKeys.RECEIVER_HTTP_HOST);
        String address = ListenAddress.reachable(host, s.integer(ConfigKeys.RECEIVER_HTTP_PORT, 1, 65_535));
        String url = "http://" + address + "/";
        DaemonProbe.Found found = DaemonProbe.probe(s, line -> parent.err.println("ccotel: " + line));
        if (!(found instanceof DaemonProbe.Found.Running)) {
            parent.out.println(url);
            parent.err.println("ccotel: no daemon answers there, so the dashboard is not served; start one with"
                    + " 'ccotel daemon' or 'ccotel service install'");
            return StatusCommand.NOT_RUNNING;
        }
        parent.out.println(url);
        if (!noOpen) {
            open(url);
        }
        return Cli.OK;
    }

    /** Hands the URL to the desktop's opener, where there is one; says so where there is none. */
    private void open(String url) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac");
        List<String> command = mac ? List.of("open", url) : List.of("xdg-open", url);
        if (!mac && parent.environment.getOrDefault("DISPLAY", "").isEmpty()
                && parent.environment.getOrDefault("WAYLAND_DISPLAY", "").isEmpty()) {
            parent.err.println("ccotel: no desktop here (DISPLAY is not set): open the address above in a browser");
            return;
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            parent.err.println("ccotel: could not start " + command.getFirst() + " (" + e.getMessage()
                    + "): open the address above in a browser");
        }
    }
}
