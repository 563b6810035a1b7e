package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An rc file with CRLF line endings gets a block with LF only; the user's CRLF lines stay byte for byte. */
class CrlfRcFileTest {
    private static final List<String> BLOCK = BlockRenderer.lines(ShellKind.BASH,
            TelemetryEnvPolicy.decide(new TelemetryEnvOptions(4317, Optional.empty(), Optional.empty(), false)));
    private static final String LF_BLOCK = String.join("\n", BLOCK);

    @Test
    void crlfFile_endingInCrlf_getsAnLfBlock_andUninstallGivesTheBytesBack() {
        String original = "alias ll='ls -l'\r\nexport EDITOR=vim\r\n";

        String installed = assertInstanceOf(FilePlan.Write.class, BlockEditor.planInstall(Optional.of(original), BLOCK)).text();

        assertEquals(original + LF_BLOCK + "\n", installed);
        assertInstanceOf(FilePlan.Keep.class, BlockEditor.planInstall(Optional.of(installed), BLOCK));
        assertEquals(original, assertInstanceOf(FilePlan.Write.class,
                BlockEditor.planRemove(Optional.of(installed), false)).text());
    }

    @Test
    void crlfFile_withoutAFinalBreak_getsAnLfBreakBeforeTheBlock_andUninstallTakesItBack() {
        String original = "alias ll='ls -l'\r\nexport EDITOR=vim";

        String installed = assertInstanceOf(FilePlan.Write.class, BlockEditor.planInstall(Optional.of(original), BLOCK)).text();

        assertEquals(original + "\n" + LF_BLOCK, installed);
        assertEquals(original, assertInstanceOf(FilePlan.Write.class,
                BlockEditor.planRemove(Optional.of(installed), false)).text());
    }

    @Test
    void aCrlfBlockFromAnEarlierVersion_isRewrittenWithLf_andStillRemovesCleanly() {
        String before = "alias ll='ls -l'\r\n";
        String old = before + String.join("\r\n", BLOCK) + "\r\n" + "export AFTER=1\r\n";

        String installed = assertInstanceOf(FilePlan.Write.class, BlockEditor.planInstall(Optional.of(old), BLOCK)).text();

        assertEquals(before + LF_BLOCK + "\r\nexport AFTER=1\r\n", installed);
        assertInstanceOf(FilePlan.Keep.class, BlockEditor.planInstall(Optional.of(installed), BLOCK));
        assertEquals(before + "export AFTER=1\r\n", assertInstanceOf(FilePlan.Write.class,
                BlockEditor.planRemove(Optional.of(installed), false)).text());
    }
}
