package dev.ccotel.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** -q keeps ccotel's warnings and drops its INFO lines; -v adds debug lines, also of loggers made later. */
class LoggingTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void back() {
        Logging.configure(false, new PrintStream(PrintStream.nullOutputStream()));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quiet_keepsWarningsOnly() {
        Logging.configure(false, true, err);
        Logger log = Logger.getLogger("dev.ccotel.app.runtime.Daemon");

        log.info("listening");
        log.warning("backend down");

        assertEquals(1, text().lines().count(), text());
        assertTrue(text().contains("WARNING Daemon: backend down"), text());
    }

    @Test
    void verbose_addsDebugLines() {
        Logging.configure(true, false, err);

        Logger.getLogger("dev.ccotel.app.runtime.Daemon").fine("one export");

        assertEquals(Level.FINE, Logger.getLogger("dev.ccotel").getLevel());
        assertTrue(text().contains("FINE Daemon: one export"), text());
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

        assertTrue(text().contains("a debug line"), text());
    }

    @Test
    void withoutVerbose_debugLinesStayHidden() {
        Logging.configure(false, err);
        System.getLogger("dev.ccotel.quiet.Logger" + System.nanoTime()).log(System.Logger.Level.DEBUG, "hidden");
        System.getLogger("dev.ccotel.quiet.Logger").log(System.Logger.Level.INFO, "shown");

        assertFalse(text().contains("hidden"), text());
        assertTrue(text().contains("shown"), text());
    }
}
