package dev.ccotel.adapter.shellenv;

import static dev.ccotel.adapter.shellenv.TempHome.read;
import static dev.ccotel.adapter.shellenv.TempHome.telemetry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellFileStatus;
import dev.ccotel.ports.model.ShellFileStatus.State;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UninstallAndStatusTest {

    @TempDir
    Path temp;

    static LongStream seeds() {
        return LongStream.range(20_000, 20_200);
    }

    /** The byte-exact property again, this time through real files on disk. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void installThenUninstallOnDisk_givesBackTheOriginalBytes(long seed) throws Exception {
        TempHome home = new TempHome(temp).with("ZDOTDIR", temp.resolve("zdot").toString());
        byte[] original = RcContentGenerator.generate(seed);
        Path zshrc = temp.resolve("zdot/.zshrc");
        Files.createDirectories(zshrc.getParent());
        Files.write(zshrc, original);
        ShellProfilePort port = home.port();

        port.writeBlock(ShellKind.ZSH, telemetry(4317), false);
        byte[] installed = Files.readAllBytes(zshrc);
        assertInstanceOf(ShellChange.Unchanged.class, port.writeBlock(ShellKind.ZSH, telemetry(4317), false).getFirst());
        port.removeBlock(ShellKind.ZSH, false);

        assertTrue(installed.length > original.length, "seed " + seed);
        assertArrayEquals(original, Files.readAllBytes(zshrc), "seed " + seed);
    }

    @Test
    void fishDropIn_isDeleted_whenItHeldOnlyTheBlock() throws Exception {
        TempHome home = new TempHome(temp);
        home.port().writeBlock(ShellKind.FISH, telemetry(4317), false);
        Path dropIn = home.home.resolve(".config/fish/conf.d/ccotel.fish");

        ShellChange change = home.port().removeBlock(ShellKind.FISH, false).getFirst();

        assertEquals(ShellChange.Edit.DELETED_FILE, assertInstanceOf(ShellChange.Changed.class, change).edit());
        assertFalse(Files.exists(dropIn));
    }

    @Test
    void fishDropIn_withTheUsersOwnLines_keepsThem() throws Exception {
        TempHome home = new TempHome(temp);
        home.port().writeBlock(ShellKind.FISH, telemetry(4317), false);
        Path dropIn = home.home.resolve(".config/fish/conf.d/ccotel.fish");
        Files.writeString(dropIn, "set -gx MINE 1\n" + Files.readString(dropIn));

        home.port().removeBlock(ShellKind.FISH, false);

        assertEquals("set -gx MINE 1\n", read(dropIn));
    }

    @Test
    void symlinkedFishDropIn_isEmptiedNotDeleted_soTheDotfileLinkSurvives() throws Exception {
        TempHome home = new TempHome(temp);
        Path real = home.write("dotfiles/ccotel.fish", "");
        Files.createDirectories(home.home.resolve(".config/fish/conf.d"));
        Path link = Files.createSymbolicLink(home.home.resolve(".config/fish/conf.d/ccotel.fish"), real);
        home.port().writeBlock(ShellKind.FISH, telemetry(4317), false);

        home.port().removeBlock(ShellKind.FISH, false);

        assertTrue(Files.isSymbolicLink(link));
        assertEquals("", read(real));
    }

    @Test
    void uninstall_cleansBashProfileToo_andSaysWhenThereIsNothingToRemove() throws Exception {
        TempHome home = new TempHome(temp);
        home.write("home/.bash_profile", "export A=1\n");
        home.port().writeBlock(ShellKind.BASH, telemetry(4317), false);

        List<ShellChange> removed = home.port().removeBlock(ShellKind.BASH, false);
        List<ShellChange> again = home.port().removeBlock(ShellKind.BASH, false);

        assertEquals(2, removed.stream().filter(ShellChange.Changed.class::isInstance).count());
        assertTrue(again.stream().allMatch(ShellChange.Unchanged.class::isInstance));
        assertEquals("export A=1\n", read(home.home.resolve(".bash_profile")));
        assertEquals("", read(home.home.resolve(".bashrc")), "an rc file install created is emptied, not deleted");
    }

    @Test
    void status_readsBackTheInstalledVariables() throws Exception {
        TempHome home = new TempHome(temp);
        home.port().writeBlock(ShellKind.ZSH, telemetry(4317), false);
        home.port().writeBlock(ShellKind.FISH, telemetry(4318), false);

        ShellFileStatus zsh = home.port().inspect(ShellKind.ZSH).getFirst();
        ShellFileStatus fish = home.port().inspect(ShellKind.FISH).getFirst();

        assertEquals(State.INSTALLED, zsh.state());
        assertEquals(Optional.of(telemetry(4317)), zsh.installed());
        assertEquals(Optional.of(telemetry(4318)), fish.installed());
    }

    @Test
    void status_tellsMissingFileFromFileWithoutBlockFromBrokenBlock() throws Exception {
        TempHome home = new TempHome(temp).with("ZDOTDIR", temp.resolve("z").toString());
        home.write("home/.bashrc", "plain\n");
        home.write("z/.zshrc", "# >>> ccotel >>>\n");

        assertEquals(State.NO_BLOCK, home.port().inspect(ShellKind.BASH).getFirst().state());
        assertEquals(State.BROKEN, home.port().inspect(ShellKind.ZSH).getFirst().state());
        assertEquals(State.NO_FILE, home.port().inspect(ShellKind.FISH).getFirst().state());
    }
}
