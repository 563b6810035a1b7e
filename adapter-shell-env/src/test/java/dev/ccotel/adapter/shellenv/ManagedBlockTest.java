package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManagedBlockTest {

    @Test
    void blockInTheMiddle_isFoundWithItsLineEnding() {
        String text = "a\r\n# >>> ccotel >>>\r\nexport X=1\r\n# <<< ccotel <<<\r\nb\r\n";

        var found = assertInstanceOf(ManagedBlock.Found.class, ManagedBlock.scan(text));

        assertEquals(3, found.start());
        assertEquals("\r\n", found.newline());
        assertEquals("# <<< ccotel <<<", text.substring(found.end() - 16, found.end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "  # >>> ccotel >>>\n", "# >>> ccotel >>> \n", "echo '# >>> ccotel >>>'\n", "# >>> CCOTEL >>>\n",
        "# >>> ccotel >>>\r\r\n", "# >>> ccotel >>>\u0000\n"})
    void lookAlikes_areNotMarkers(String text) {
        assertInstanceOf(ManagedBlock.None.class, ManagedBlock.scan(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"# <<< ccotel <<<\n# >>> ccotel >>>\n", "# >>> ccotel >>>", "x\n# <<< ccotel <<<\r"})
    void markersOutOfOrderOrAlone_areBroken(String text) {
        var broken = assertInstanceOf(ManagedBlock.Broken.class, ManagedBlock.scan(text));

        assertTrue(broken.reason().contains("line(s)"), broken.reason());
    }

    @Test
    void twoBlocks_areBroken_withBothLineNumbers() {
        String block = "# >>> ccotel >>>\n# <<< ccotel <<<\n";

        var broken = assertInstanceOf(ManagedBlock.Broken.class, ManagedBlock.scan(block + "x\n" + block));

        assertTrue(broken.reason().contains("on line(s) 1, 4"), broken.reason());
    }
}
