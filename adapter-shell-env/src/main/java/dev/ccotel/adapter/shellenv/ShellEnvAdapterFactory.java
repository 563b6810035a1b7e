package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.out.ClaudeSettingsPort;
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

    /**
     * Claude Code's settings.json: {@code $CLAUDE_CONFIG_DIR/settings.json}, else {@code ~/.claude/settings.json};
     * locks and ccotel's record of its edits under {@code XDG_STATE_HOME}, like the rc files' locks.
     */
    public static ClaudeSettingsPort claudeSettings(Map<String, String> environment) {
        return new ClaudeSettingsAdapter(new ShellLocations(environment), new RcFileStore());
    }
}
