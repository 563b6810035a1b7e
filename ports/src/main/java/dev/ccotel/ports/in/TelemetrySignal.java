package dev.ccotel.ports.in;

import java.util.Locale;

/** The three OTLP signals, as both receivers take them. */
public enum TelemetrySignal {
    LOGS, METRICS, TRACES;

    /** The lower-case name OTLP paths and metric labels use: {@code logs}, {@code metrics}, {@code traces}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
