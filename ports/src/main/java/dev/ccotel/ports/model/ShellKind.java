package dev.ccotel.ports.model;

import java.util.Locale;
import java.util.Optional;

/** The shells whose start-up files ccotel manages. */
public enum ShellKind {
    BASH,
    ZSH,
    FISH;

    /** The lower-case name users type and read ({@code bash}, {@code zsh}, {@code fish}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ShellKind> fromId(String id) {
        for (ShellKind kind : values()) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
