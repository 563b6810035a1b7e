package dev.ccotel.ports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CcotelCommandsTest {

    private final CcotelCommands commands = new CcotelCommands("/home/o'neil/ccotel 1/bin/ccotel");

    @Test
    void commands_quoteTheLauncherForSh() {
        assertEquals("'/home/o'\\''neil/ccotel 1/bin/ccotel' statusline", commands.statusline());
        assertEquals("'/home/o'\\''neil/ccotel 1/bin/ccotel' hook", commands.hook());
        assertEquals(Optional.of("/home/o'neil/ccotel 1/bin/ccotel"), CcotelCommands.launcherOf(commands.hook()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"~/bin/line.sh", "printf '%s' \"$PWD\"", "'", "a'b'c", "", " --chain 'x'"})
    void chained_givesBackTheOriginalCommand(String original) {
        String chained = commands.chained(original);

        assertTrue(CcotelCommands.isStatusline(chained), chained);
        assertEquals(Optional.of(original), CcotelCommands.chainedOriginal(chained));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ccotel statusline", "'/x/ccotel' statuslines", "'/x/ccotel' statusline --chain x",
        "'/x/ccotel-old' statusline", "/x/ccotel statusline", "'/x/ccotel' hook && rm -rf /", "~/bin/line.sh"})
    void othersCommands_areNotTakenForCcotels(String command) {
        assertFalse(CcotelCommands.isStatusline(command), command);
        assertFalse(CcotelCommands.isHook(command), command);
    }

    @Test
    void aRelativeLauncher_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CcotelCommands("bin/ccotel"));
    }
}
