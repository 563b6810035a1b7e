package dev.ccotel.adapter.shellenv;

import static dev.ccotel.adapter.shellenv.TempHome.read;
import static dev.ccotel.adapter.shellenv.TempHome.telemetry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which file each shell gets, from HOME, ZDOTDIR and XDG_CONFIG_HOME. */
class ShellFileLocationsTest {

    @TempDir
    Path temp;

    private static List<String> files(List<ShellChange> changes) {
        return changes.stream().map(ShellChange::file).toList();
    }

    @Test
    void bash_getsANewBashrc_whenThereIsNone() throws Exception {
        TempHome home = new TempHome(temp);

        List<ShellChange> changes = home.port().writeBlock(ShellKind.BASH, telemetry(4317), false);

        Path bashrc = home.home.resolve(".bashrc");
        assertEquals(List.of(bashrc.toString()), files(changes));
        assertEquals(ShellChange.Edit.CREATED_FILE, ((ShellChange.Changed) changes.getFirst()).edit());
        assertTrue(read(bashrc).startsWith("# >>> ccotel >>>\n"));
    }

    @Test
    void bashProfileThatDoesNotSourceBashrc_getsItsOwnBlock() throws Exception {
        TempHome home = new TempHome(temp);
        home.write("home/.bash_profile", "export PATH=$HOME/bin:$PATH\n");

        List<ShellChange> changes = home.port().writeBlock(ShellKind.BASH, telemetry(4317), false);

        assertEquals(List.of(home.home.resolve(".bashrc").toString(), home.home.resolve(".bash_profile").toString()),
                files(changes));
        assertTrue(read(home.home.resolve(".bash_profile")).contains("export OTEL_EXPORTER_OTLP_ENDPOINT="));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[ -f ~/.bashrc ] && . ~/.bashrc",
        "if [ -f \"$HOME/.bashrc\" ]; then\n  source \"$HOME/.bashrc\"\nfi",
        "test -r ${HOME}/.bashrc && . ${HOME}/.bashrc"})
    void bashProfileThatSourcesBashrc_isLeftAlone(String sourcing) throws Exception {
        TempHome home = new TempHome(temp);
        Path profile = home.write("home/.bash_profile", sourcing + "\n");

        List<ShellChange> changes = home.port().writeBlock(ShellKind.BASH, telemetry(4317), false);

        assertEquals(List.of(home.home.resolve(".bashrc").toString()), files(changes));
        assertEquals(sourcing + "\n", read(profile));
    }

    @ParameterizedTest
    @ValueSource(strings = {"# . ~/.bashrc", ". ~/.bashrc.local", "echo bashrc"})
    void commentedOrOtherFiles_doNotCountAsSourcingBashrc(String line) {
        assertFalse(ShellLocations.sourcesBashrc(line + "\n"));
    }

    @Test
    void zsh_usesZdotdir_whenSet() throws Exception {
        TempHome home = new TempHome(temp).with("ZDOTDIR", temp.resolve("zdot").toString());

        home.port().writeBlock(ShellKind.ZSH, telemetry(4317), false);

        assertTrue(Files.exists(temp.resolve("zdot/.zshrc")));
        assertFalse(Files.exists(home.home.resolve(".zshrc")));
    }

    @Test
    void zsh_usesHome_whenZdotdirIsUnsetOrEmpty() throws Exception {
        TempHome home = new TempHome(temp).with("ZDOTDIR", "");

        home.port().writeBlock(ShellKind.ZSH, telemetry(4317), false);

        assertTrue(Files.exists(home.home.resolve(".zshrc")));
    }

    @Test
    void fish_getsADropInUnderXdgConfigHome_andConfigFishIsNotTouched() throws Exception {
        TempHome home = new TempHome(temp).with("XDG_CONFIG_HOME", temp.resolve("xdg").toString());
        Path configFish = home.write("xdg/fish/config.fish", "set -g fish_greeting\n");

        home.port().writeBlock(ShellKind.FISH, telemetry(4317), false);

        assertTrue(read(temp.resolve("xdg/fish/conf.d/ccotel.fish")).contains("set -gx CLAUDE_CODE_ENABLE_TELEMETRY 1"));
        assertEquals("set -g fish_greeting\n", read(configFish));
    }

    @Test
    void fish_usesDotConfig_whenXdgConfigHomeIsUnset() throws Exception {
        TempHome home = new TempHome(temp);

        home.port().writeBlock(ShellKind.FISH, telemetry(4317), false);

        assertTrue(Files.exists(home.home.resolve(".config/fish/conf.d/ccotel.fish")));
    }

    @Test
    void relativeZdotdir_orMissingHome_isAFailureNotAGuess() throws Exception {
        TempHome home = new TempHome(temp).with("ZDOTDIR", "relative/dir");

        assertInstanceOf(ShellChange.Failed.class, home.port().writeBlock(ShellKind.ZSH, telemetry(1), false).getFirst());
        home.without("HOME");
        assertInstanceOf(ShellChange.Failed.class, home.port().writeBlock(ShellKind.BASH, telemetry(1), false).getFirst());
        assertEquals(List.of("", "home"), home.tree());
    }

    @Test
    void installedShells_comeFromPathAndTheLoginShell() throws Exception {
        Path bin = temp.resolve("bin");
        Files.createDirectories(bin);
        Files.createFile(bin.resolve("zsh")).toFile().setExecutable(true);
        Files.createFile(bin.resolve("fish")); // not executable: not a shell
        TempHome home = new TempHome(temp).with("PATH", "::" + bin + ":/nonexistent").with("SHELL", "/opt/bin/fish");

        assertEquals(Set.of(ShellKind.ZSH, ShellKind.FISH), home.port().installedShells());
    }
}
