package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A second process for {@link ConcurrentInstallTest}: installs and uninstalls in a loop. Exit 0 means no failure. */
public final class ConcurrentInstallMain {

    private ConcurrentInstallMain() {}

    public static void main(String[] args) {
        Map<String, String> environment = Map.of("HOME", args[0]);
        int rounds = Integer.parseInt(args[2]);
        ShellProfilePort port = new ShellProfileAdapter(new ShellLocations(environment),
                new ShellDetector(environment), new OverlapProbe(Path.of(args[1])));
        for (int i = 0; i < rounds; i++) {
            List<ShellChange> changes = i % 3 == 2
                    ? port.removeBlock(ShellKind.BASH, false)
                    : port.writeBlock(ShellKind.BASH, TempHome.telemetry(4317 + i % 2), false);
            if (changes.stream().anyMatch(ShellChange.Failed.class::isInstance)) {
                System.err.println(changes);
                System.exit(1);
            }
        }
    }
}
