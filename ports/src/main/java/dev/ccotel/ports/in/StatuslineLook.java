package dev.ccotel.ports.in;

import java.util.OptionalInt;

/**
 * How the statusline's terminal wants the line.
 *
 * @param columns the width to fit in, where the terminal said ({@code COLUMNS})
 * @param colour whether ANSI colours are wanted
 */
public record StatuslineLook(OptionalInt columns, boolean colour) {
    public static final StatuslineLook PLAIN = new StatuslineLook(OptionalInt.empty(), false);
}
