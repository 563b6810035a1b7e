package dev.ccotel.ports.model;

/** What {@code cc install} may do to a statusLine in Claude Code's settings that is not ccotel's. */
public enum StatusLineChoice {
    /** Leave it, and say how to chain or replace it (the default: it is the user's). */
    KEEP,
    /** ccotel's statusline runs the user's command and appends its own part. */
    CHAIN,
    /** ccotel's statusline takes its place; uninstall puts it back. */
    REPLACE,
    /** Do not touch the statusLine at all, not even to add one. */
    SKIP
}
