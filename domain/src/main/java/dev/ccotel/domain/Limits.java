package dev.ccotel.domain;

/**
 * What a session's state may hold, in bytes: an export may carry megabyte-long strings where
 * Claude Code sends a UUID, and whatever the state keeps it keeps for the whole session.
 */
public final class Limits {
    /** A {@code session.id} longer than this is refused (Claude Code's are 36-character UUIDs). */
    public static final int MAX_SESSION_ID = 256;
    /** A metric series whose name and attributes are longer than this together is refused. */
    public static final int MAX_SERIES_KEY = 4_096;
    /** Identity attributes, host and project are cut to this many characters. */
    public static final int MAX_TEXT = 1_024;

    private Limits() {}

    public static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
