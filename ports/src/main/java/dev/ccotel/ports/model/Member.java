package dev.ccotel.ports.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person who sends telemetry to a team hub, known by the token the hub gave them (kept only as
 * its hash). Reports are keyed by the name.
 */
public record Member(long id, String name, Instant addedAt) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public Member {
        requireValidName(name);
        Objects.requireNonNull(addedAt, "addedAt");
    }

    /** Names are shown in reports and typed on command lines: letters, digits, {@code . _ @ -}, at most 64. */
    public static String requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a member's name is 1 to 64 letters, digits, '.', '_', '@' or '-',"
                    + " starting with a letter or digit; got '" + name + "'");
        }
        return name;
    }
}
