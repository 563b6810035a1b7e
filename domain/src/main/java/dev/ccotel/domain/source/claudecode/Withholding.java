package dev.ccotel.domain.source.claudecode;

import dev.ccotel.domain.ContentKind;
import dev.ccotel.domain.MappingOptions;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Takes the content the options do not keep out of one record's attributes, before anything reads
 * them: typed fields and the pass-through attributes alike then only see what may be kept, so no
 * later reader can let content through by accident.
 *
 * @param attributes what may be kept
 * @param withheld each withheld attribute's name and text length ({@link ContentPolicy#textLength}),
 *     in name order: the trace that something was there, which holds no content itself
 */
record Withholding(AttributeMap attributes, Map<String, Long> withheld) {
    /** Claude Code's placeholder for content it did not log: nothing was withheld, so it leaves no trace. */
    static final String REDACTED = "<REDACTED>";

    static Withholding apply(String eventName, AttributeMap a, MappingOptions options) {
        Set<String> removed = new HashSet<>();
        Map<String, Long> withheld = new TreeMap<>();
        for (Map.Entry<String, AnyValue> e : a.asMap().entrySet()) {
            ContentKind kind = ContentPolicy.classify(eventName, e.getKey(), e.getValue()).orElse(null);
            if (kind == null || options.keeps(kind)) {
                continue;
            }
            removed.add(e.getKey());
            if (!REDACTED.equals(e.getValue().getStringValue())) {
                withheld.put(e.getKey(), ContentPolicy.textLength(e.getValue()));
            }
        }
        return new Withholding(a.without(removed), Collections.unmodifiableMap(withheld));
    }
}
