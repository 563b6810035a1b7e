package dev.ccotel.adapter.shellenv;

import dev.ccotel.ports.model.ShellKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where each shell reads its start-up code, from the user's environment (never the JVM's own). */
final class ShellLocations {

    /** {@code . ~/.bashrc}, {@code source "$HOME/.bashrc"} and the like, not {@code ~/.bashrc.local}. */
    private static final Pattern SOURCES_BASHRC =
            Pattern.compile("(?:^|[\\s;&|({])(?:\\.|source)\\s+\\S*/\\.bashrc(?![\\w.])");

    private final Map<String, String> environment;

    ShellLocations(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** How the shell's main file is named for the user when its real path cannot be worked out. */
    static String describe(ShellKind shell) {
        return switch (shell) {
            case BASH -> "~/.bashrc";
            case ZSH -> "${ZDOTDIR:-$HOME}/.zshrc";
            case FISH -> "${XDG_CONFIG_HOME:-$HOME/.config}/fish/conf.d/ccotel.fish";
        };
    }

    /** Files install writes. For bash also ~/.bash_profile where a login shell would otherwise miss ~/.bashrc. */
    List<Path> installTargets(ShellKind shell) throws RcFileException {
        if (shell != ShellKind.BASH) {
            return List.of(mainFile(shell));
        }
        List<Path> targets = new ArrayList<>(List.of(mainFile(shell)));
        Path profile = bashProfile();
        if (exists(profile) && needsOwnBlock(profile)) {
            targets.add(profile);
        }
        return targets;
    }

    /** Files that may hold a block: what status reads and uninstall cleans. */
    List<Path> knownFiles(ShellKind shell) throws RcFileException {
        List<Path> files = new ArrayList<>(List.of(mainFile(shell)));
        if (shell == ShellKind.BASH && exists(bashProfile())) {
            files.add(bashProfile());
        }
        return files;
    }

    Path mainFile(ShellKind shell) throws RcFileException {
        return switch (shell) {
            case BASH -> home().resolve(".bashrc");
            case ZSH -> directory("ZDOTDIR").orElse(home()).resolve(".zshrc");
            case FISH -> directory("XDG_CONFIG_HOME").orElse(home().resolve(".config"))
                    .resolve("fish").resolve("conf.d").resolve("ccotel.fish");
        };
    }

    /** ccotel's lock files: {@code ${XDG_STATE_HOME:-$HOME/.local/state}/ccotel/locks}, away from the dotfiles. */
    Path lockFolder() throws RcFileException {
        return stateFolder().resolve("locks");
    }

    /** What ccotel added to Claude Code's settings.json, kept for uninstall: beside the lock files. */
    Path settingsRecordFolder() throws RcFileException {
        return stateFolder().resolve("claude-settings");
    }

    /** Claude Code's user settings: {@code $CLAUDE_CONFIG_DIR/settings.json}, else {@code ~/.claude/settings.json}. */
    Path claudeSettings() throws RcFileException {
        return directory("CLAUDE_CONFIG_DIR").orElse(home().resolve(".claude")).resolve("settings.json");
    }

    private Path stateFolder() throws RcFileException {
        return directory("XDG_STATE_HOME").orElse(home().resolve(".local").resolve("state")).resolve("ccotel");
    }

    static boolean sourcesBashrc(String profileText) {
        for (String line : profileText.split("\n")) {
            String code = line.strip();
            if (!code.startsWith("#") && SOURCES_BASHRC.matcher(code).find()) {
                return true;
            }
        }
        return false;
    }

    private Path bashProfile() throws RcFileException {
        return home().resolve(".bash_profile");
    }

    /** A profile that sources ~/.bashrc gets the block from there; one that already has a block is kept current. */
    private static boolean needsOwnBlock(Path profile) {
        try {
            String text = new String(Files.readAllBytes(profile), StandardCharsets.ISO_8859_1);
            return !sourcesBashrc(text) || !(ManagedBlock.scan(text) instanceof ManagedBlock.None);
        } catch (IOException unreadable) {
            return true; // Let the write report the problem rather than skip the file silently.
        }
    }

    private static boolean exists(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    private Path home() throws RcFileException {
        return directory("HOME").orElseThrow(() -> new RcFileException("HOME is not set to an absolute path"));
    }

    private Optional<Path> directory(String variable) throws RcFileException {
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            throw new RcFileException(variable + " is not an absolute path: " + value);
        }
        return Optional.of(path);
    }
}
