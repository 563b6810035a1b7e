package dev.ccotel.ports.in;

import java.util.Map;
import java.util.Objects;

/**
 * What an import did.
 *
 * @param filesFound transcript files under the roots
 * @param filesRead of those, the ones read because they were new or had changed
 * @param sessionsKept sessions written to the store (new or changed)
 * @param unsettled of those, sessions Claude Code was still writing (read again when their file grows)
 * @param skipped lines and files skipped, by reason ({@code not JSON}, {@code cut off}, {@code unknown type},
 *     {@code vanished}, {@code unreadable}); never a crash, never a partial session kept as complete
 */
public record ImportSummary(long filesFound, long filesRead, long bytesRead, long sessionsKept, long unsettled,
        Map<String, Long> skipped) {
    public ImportSummary {
        Objects.requireNonNull(skipped, "skipped");
        skipped = Map.copyOf(skipped);
    }
}
