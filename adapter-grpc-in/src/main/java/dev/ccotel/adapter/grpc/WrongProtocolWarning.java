package dev.ccotel.adapter.grpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTTP/1.x request on the gRPC port (an OTLP/HTTP exporter pointed at 4317) into one clear
 * warning a minute, with the two fixes, instead of Netty's "Transport failed ... Unexpected HTTP/1.x
 * request" line per connection. grpc-netty-shaded reports that only through java.util.logging, on the
 * logger below, so a JUL filter there is where it can be recognised; every other record passes as
 * the logger's parents' levels would have let it. (Its FINE twin on NettyServerHandler stays as it is:
 * opening that logger would make Netty format every HTTP/2 frame of every export for the filter.)
 */
final class WrongProtocolWarning implements Filter {
    private static final System.Logger LOG = System.getLogger(WrongProtocolWarning.class.getName());
    /** INFO "Transport failed", once per failed connection. */
    static final String[] NETTY_LOGGERS = {"io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport.connections"};
    private static final Pattern HTTP1 = Pattern.compile("Unexpected HTTP/1\\.x request: (\\S+) (\\S*)");
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final int grpcPort;
    private final Optional<String> httpEndpoint;
    private final Clock clock;
    private final Logger[] loggers = new Logger[NETTY_LOGGERS.length]; // held: JUL keeps loggers only weakly
    private final Filter[] previous = new Filter[NETTY_LOGGERS.length];
    private final Level[] previousLevels = new Level[NETTY_LOGGERS.length];
    private Instant lastWarning;
    private long seen;
    private long suppressedSinceWarning;

    /** @param httpEndpoint the daemon's OTLP/HTTP listener as an exporter's endpoint; empty when it runs none */
    WrongProtocolWarning(int grpcPort, Optional<String> httpEndpoint, Clock clock) {
        this.grpcPort = grpcPort;
        this.httpEndpoint = Objects.requireNonNull(httpEndpoint, "httpEndpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Puts the filter on Netty's loggers; {@link #uninstall()} restores what was there. */
    WrongProtocolWarning install() {
        for (int i = 0; i < NETTY_LOGGERS.length; i++) {
            loggers[i] = Logger.getLogger(NETTY_LOGGERS[i]);
            previous[i] = loggers[i].getFilter();
            previousLevels[i] = loggers[i].getLevel();
            // The INFO record must get past the level check to reach a filter; the filter re-applies the level.
            Level inherited = inheritedLevel(i);
            loggers[i].setLevel(inherited.intValue() < Level.INFO.intValue() ? inherited : Level.INFO);
            loggers[i].setFilter(this);
        }
        return this;
    }

    void uninstall() {
        for (int i = 0; i < loggers.length; i++) {
            if (loggers[i] != null && loggers[i].getFilter() == this) {
                loggers[i].setFilter(previous[i]);
                loggers[i].setLevel(previousLevels[i]);
            }
        }
    }

    /** HTTP/1.x requests recognised so far, warned about or not. */
    synchronized long seen() {
        return seen;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Optional<String> request = http1Request(record.getThrown());
        if (request.isPresent()) {
            warn(request.get());
            return false;
        }
        int i = indexOf(record.getLoggerName());
        if (i >= 0 && previous[i] != null && !previous[i].isLoggable(record)) {
            return false;
        }
        return record.getLevel().intValue() >= inheritedLevel(i).intValue();
    }

    private synchronized void warn(String request) {
        seen++;
        Instant now = clock.instant();
        if (lastWarning != null && now.isBefore(lastWarning.plus(INTERVAL))) {
            suppressedSinceWarning++;
            return;
        }
        String more = suppressedSinceWarning == 0 ? ""
                : " (" + suppressedSinceWarning + " more such request(s) since the last warning)";
        lastWarning = now;
        suppressedSinceWarning = 0;
        LOG.log(System.Logger.Level.WARNING, "an HTTP/1.1 request (" + request + ") reached the OTLP/gRPC port "
                + grpcPort + "; probably OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf or http/json pointed at the gRPC "
                + "port. Its exports are lost. Fix: " + httpEndpoint.map(url -> "point OTEL_EXPORTER_OTLP_ENDPOINT at the"
                        + " OTLP/HTTP port (" + url + ", receiver.http.port), or ").orElse("(this daemon runs no OTLP/HTTP"
                        + " listener: receiver.http.enabled is false) ")
                + "set OTEL_EXPORTER_OTLP_PROTOCOL=grpc ('ccotel cc install' writes a matching pair)" + more);
    }

    static Optional<String> http1Request(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            Matcher m = HTTP1.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Optional.of((m.group(1) + " " + m.group(2)).strip());
            }
        }
        return Optional.empty();
    }

    private int indexOf(String loggerName) {
        for (int i = 0; i < NETTY_LOGGERS.length; i++) {
            if (NETTY_LOGGERS[i].equals(loggerName)) {
                return i;
            }
        }
        return -1;
    }

    /** The level the logger had before install, or else the nearest level set on a parent. */
    private Level inheritedLevel(int i) {
        if (i >= 0 && previousLevels[i] != null) {
            return previousLevels[i];
        }
        for (Logger l = i >= 0 ? loggers[i].getParent() : Logger.getLogger(""); l != null; l = l.getParent()) {
            if (l.getLevel() != null) {
                return l.getLevel();
            }
        }
        return Level.INFO;
    }
}
