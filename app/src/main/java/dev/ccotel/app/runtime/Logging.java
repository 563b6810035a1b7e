package dev.ccotel.app.runtime;

import java.io.PrintStream;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** One line per message on stderr; the libraries' chatter kept to warnings. */
public final class Logging {
    /*
     * Held here: java.util.logging keeps loggers only weakly, so a level set on a logger nobody
     * references is lost at the next garbage collection, and with it -v (the daemon's own loggers,
     * created later, would inherit the root's INFO).
     */
    private static final Logger CCOTEL = Logger.getLogger("dev.ccotel");
    private static final Logger GRPC = Logger.getLogger("io.grpc");
    private static final Logger HELIDON = Logger.getLogger("io.helidon");

    private Logging() {}

    public static void configure(boolean verbose, PrintStream err) {
        configure(verbose, false, err);
    }

    /** @param quiet {@code -q}: ccotel's own INFO lines off, warnings and errors kept */
    public static void configure(boolean verbose, boolean quiet, PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler handler = err == System.err ? new ConsoleHandler() : new StreamHandler(err, new OneLine()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setFormatter(new OneLine());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        CCOTEL.setLevel(verbose ? Level.FINE : quiet ? Level.WARNING : Level.INFO);
        GRPC.setLevel(Level.WARNING);
        HELIDON.setLevel(Level.WARNING);
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String thrown = r.getThrown() == null ? "" : " (" + r.getThrown() + ")";
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
            return Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel().getName() + " " + logger + ": "
                    + formatMessage(r) + thrown + System.lineSeparator();
        }
    }
}
