package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.out.ShellProfilePort;
import java.util.Map;

/** The module's entry point for the composition root. */
public final class ShellEnvAdapterFactory {

    private ShellEnvAdapterFactory() {}

    /**
     * @param environment the user's environment (HOME, ZDOTDIR, XDG_CONFIG_HOME, PATH, SHELL), read by the app so
     *     that tests and callers can point ccotel at any home folder
     */
    public static ShellProfilePort create(Map<String, String> environment) {
        return new ShellProfileAdapter(
                new ShellLocations(environment), new ShellDetector(environment), new RcFileStore());
    }
}
