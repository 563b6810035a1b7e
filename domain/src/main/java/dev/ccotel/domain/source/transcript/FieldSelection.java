package dev.ccotel.domain.source.transcript;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The values of a transcript line that the reader needs, as a tree of field names, so that whoever
 * parses the JSON can skip everything else (most of a transcript's bytes are system prompts and tool
 * definitions nobody here reads) without knowing a single field name itself. A path is written
 * {@code message.usage.input_tokens}; {@code *} stands for any key ({@code modelUsage.*.costUSD}), and
 * {@code []} after a name for each element of an array ({@code message.content[].type}).
 */
public final class FieldSelection {
    private final Map<String, FieldSelection> fields = new HashMap<>();
    private FieldSelection anyField;
    private FieldSelection elements;
    private boolean value;

    private FieldSelection() {
    }

    public static FieldSelection of(Collection<String> paths) {
        FieldSelection root = new FieldSelection();
        for (String path : paths) {
            FieldSelection node = root;
            for (String segment : path.split("\\.")) {
                boolean array = segment.endsWith("[]");
                String name = array ? segment.substring(0, segment.length() - 2) : segment;
                node = name.equals("*") ? node.anyField() : node.fields.computeIfAbsent(name, k -> new FieldSelection());
                if (array) {
                    if (node.elements == null) {
                        node.elements = new FieldSelection();
                    }
                    node = node.elements;
                }
            }
            node.value = true;
        }
        return root;
    }

    private FieldSelection anyField() {
        if (anyField == null) {
            anyField = new FieldSelection();
        }
        return anyField;
    }

    /** What is wanted under the object key {@code name}; null when nothing is. */
    public FieldSelection field(String name) {
        FieldSelection exact = fields.get(name);
        return exact != null ? exact : anyField;
    }

    /** What is wanted in each element of an array here; null when nothing is. */
    public FieldSelection elements() {
        return elements;
    }

    /** Whether a scalar value (text, number, true or false) here is wanted. */
    public boolean wantsValue() {
        return value;
    }
}
