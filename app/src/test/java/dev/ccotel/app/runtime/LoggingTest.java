package dev.ccotel.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** -q keeps ccotel's warnings and drops its INFO lines; -v adds debug lines. */
class LoggingTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void back() {
        Logging.configure(false, new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void quiet_keepsWarningsOnly() {
        Logging.configure(false, true, new PrintStream(err, true, StandardCharsets.UTF_8));
        Logger log = Logger.getLogger("dev.ccotel.app.runtime.Daemon");

        log.info("listening");
        log.warning("backend down");

        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("WARNING Daemon: backend down"), text);
    }

    @Test
    void verbose_addsDebugLines() {
        Logging.configure(true, false, new PrintStream(err, true, StandardCharsets.UTF_8));

        Logger.getLogger("dev.ccotel.app.runtime.Daemon").fine("one export");

        assertEquals(Level.FINE, Logger.getLogger("dev.ccotel").getLevel());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("FINE Daemon: one export"));
    }
}
