package dev.ccotel.ports.service.statusline;

/** {@code statusline.color}: as the terminal says (the launcher asks {@code NO_COLOR} and {@code TERM}), always, or never. */
public enum ColourChoice {
    AUTO, ALWAYS, NEVER;

    /** Whether to colour, given what the terminal wants. */
    public boolean wanted(boolean terminalWants) {
        return this == ALWAYS || this == AUTO && terminalWants;
    }
}
