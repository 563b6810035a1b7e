package dev.ccotel.domain;

import java.util.Objects;

/**
 * How exports are mapped.
 *
 * @param host the host name to report when the resource carries no {@code host.name}
 * @param forwardPrompts forward prompt (and response) text; its length is always forwarded
 * @param forwardToolInput forward tool input and tool parameters; their size is always forwarded
 */
public record MappingOptions(String host, boolean forwardPrompts, boolean forwardToolInput) {

    public MappingOptions {
        Objects.requireNonNull(host, "host");
    }

    /** Private text stays on the machine: the defaults of the daemon. */
    public static MappingOptions privateByDefault(String host) {
        return new MappingOptions(host, false, false);
    }
}
