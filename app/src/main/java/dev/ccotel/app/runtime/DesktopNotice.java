package dev.ccotel.app.runtime;

import dev.ccotel.ports.out.NotifyPort;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * A desktop notification where the desktop has a way: {@code notify-send} (freedesktop), else
 * {@code osascript} (macOS); nothing elsewhere (the log line is said anyway). Not waited for.
 */
public final class DesktopNotice implements NotifyPort {
    private static final System.Logger LOG = System.getLogger(DesktopNotice.class.getName());

    @Override
    public void notify(String title, String text) {
        Optional<List<String>> command = onPath("notify-send").map(p -> List.of(p, "--app-name=ccotel", title, text))
                .or(() -> onPath("osascript").map(p -> List.of(p, "-e", "display notification " + quoted(text)
                        + " with title " + quoted(title))));
        if (command.isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder(command.get()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "desktop notification failed: " + e.getMessage());
        }
    }

    /** An AppleScript string literal. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Optional<String> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return Optional.of(f.getPath());
            }
        }
        return Optional.empty();
    }
}
