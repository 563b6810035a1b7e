package dev.ccotel.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How exports are mapped.
 *
 * @param host the host name to report when the resource carries no {@code host.name}
 * @param keptContent the kinds of content the mapper lets through (into the store and to the backend);
 *     every other kind is withheld, leaving only its length (see {@link ContentPolicy})
 */
public record MappingOptions(String host, Set<ContentKind> keptContent) {

    public MappingOptions {
        Objects.requireNonNull(host, "host");
        keptContent = Set.copyOf(keptContent);
    }

    /** Content stays on the user's side of Claude Code: the defaults of the daemon. */
    public static MappingOptions privateByDefault(String host) {
        return new MappingOptions(host, Set.of());
    }

    /** These options, also keeping the given kinds. */
    public MappingOptions keeping(ContentKind... kinds) {
        Set<ContentKind> kept = EnumSet.noneOf(ContentKind.class);
        kept.addAll(keptContent);
        kept.addAll(Set.of(kinds));
        return new MappingOptions(host, kept);
    }

    public boolean keeps(ContentKind kind) {
        return keptContent.contains(kind);
    }
}
