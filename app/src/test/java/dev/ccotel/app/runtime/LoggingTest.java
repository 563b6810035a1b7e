package dev.ccotel.app.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void quiet() {
        Logging.configure(false, System.err);
    }

    @Test
    void verbose_showsDebugLinesOfLoggersMadeLater_evenAfterAGarbageCollection() throws Exception {
        Logging.configure(true, err);
        for (int i = 0; i < 3; i++) {
            System.gc(); // drops a logger only weakly held, and with it the level set on it
            Thread.sleep(20);
        }
        System.getLogger("dev.ccotel.made.after.Configure" + System.nanoTime())
                .log(System.Logger.Level.DEBUG, "a debug line");

        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("a debug line"), bytes::toString);
    }

    @Test
    void withoutVerbose_debugLinesStayHidden() {
        Logging.configure(false, err);
        System.getLogger("dev.ccotel.quiet.Logger" + System.nanoTime()).log(System.Logger.Level.DEBUG, "hidden");
        System.getLogger("dev.ccotel.quiet.Logger").log(System.Logger.Level.INFO, "shown");

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("hidden"), out);
        assertTrue(out.contains("shown"), out);
    }
}
