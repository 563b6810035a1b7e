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
        Logger.getLogger("dev.ccotel").setLevel(verbose ? Level.FINE : quiet ? Level.WARNING : Level.INFO);
        Logger.getLogger("io.grpc").setLevel(Level.WARNING);
        Logger.getLogger("io.helidon").setLevel(Level.WARNING);
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
