package dev.ccotel.domain.source.claudecode;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The attributes of one record, data point or resource, read leniently: Claude Code sends some
 * numbers and booleans as strings ({@code prompt_length: "25"}, {@code success: "true"}) and others
 * as ints or doubles. An attribute that is present but cannot be read as the wanted type is treated
 * as absent by the typed getters; callers keep its raw value so nothing is lost.
 */
final class AttributeMap {
    static final AttributeMap EMPTY = new AttributeMap(Map.of());

    private final Map<String, AnyValue> values;

    private AttributeMap(Map<String, AnyValue> values) {
        this.values = values;
    }

    static AttributeMap of(List<KeyValue> attributes) {
        if (attributes.isEmpty()) {
            return EMPTY;
        }
        Map<String, AnyValue> map = new HashMap<>(attributes.size() * 2);
        for (KeyValue kv : attributes) {
            map.put(kv.getKey(), kv.getValue()); // OTLP says keys are unique; the last one wins if not
        }
        return new AttributeMap(map);
    }

    /** These attributes but the given ones; this map itself when there are none to leave out. */
    AttributeMap without(java.util.Set<String> keys) {
        if (keys.isEmpty()) {
            return this;
        }
        Map<String, AnyValue> rest = new HashMap<>(values);
        rest.keySet().removeAll(keys);
        return new AttributeMap(rest);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Map<String, AnyValue> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The attribute as text, or "" when absent or not a scalar. */
    String string(String key) {
        AnyValue v = values.get(key);
        return v == null ? "" : text(v).orElse("");
    }

    /** The first non-empty of the given keys, in order. */
    String firstString(String... keys) {
        for (String key : keys) {
            String s = string(key);
            if (!s.isEmpty()) {
                return s;
            }
        }
        return "";
    }

    OptionalLong longValue(String key) {
        AnyValue v = values.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        return switch (v.getValueCase()) {
            case INT_VALUE -> OptionalLong.of(v.getIntValue());
            case DOUBLE_VALUE -> integral(v.getDoubleValue());
            case STRING_VALUE -> parseLong(v.getStringValue());
            default -> OptionalLong.empty();
        };
    }

    OptionalDouble doubleValue(String key) {
        AnyValue v = values.get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        return switch (v.getValueCase()) {
            case DOUBLE_VALUE -> finite(v.getDoubleValue());
            case INT_VALUE -> OptionalDouble.of(v.getIntValue());
            case STRING_VALUE -> parseDouble(v.getStringValue());
            default -> OptionalDouble.empty();
        };
    }

    Optional<Boolean> boolValue(String key) {
        AnyValue v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        return switch (v.getValueCase()) {
            case BOOL_VALUE -> Optional.of(v.getBoolValue());
            case STRING_VALUE -> parseBool(v.getStringValue());
            case INT_VALUE -> v.getIntValue() == 0 ? Optional.of(false)
                    : v.getIntValue() == 1 ? Optional.of(true) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** An attribute value as plain Java: String, Long, Double, Boolean, List or Map; null when unset. */
    static Object toJava(AnyValue v, int depth) {
        if (depth > MAX_DEPTH) {
            return "<nested too deep>";
        }
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> Double.isFinite(v.getDoubleValue()) ? v.getDoubleValue() : Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> v.getBoolValue();
            case BYTES_VALUE -> java.util.Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            case ARRAY_VALUE -> {
                List<Object> list = new ArrayList<>(v.getArrayValue().getValuesCount());
                for (AnyValue item : v.getArrayValue().getValuesList()) {
                    Object o = toJava(item, depth + 1);
                    if (o != null) {
                        list.add(o);
                    }
                }
                yield Collections.unmodifiableList(list);
            }
            case KVLIST_VALUE -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (KeyValue kv : v.getKvlistValue().getValuesList()) {
                    Object o = toJava(kv.getValue(), depth + 1);
                    if (o != null) {
                        map.put(kv.getKey(), o);
                    }
                }
                yield Collections.unmodifiableMap(map);
            }
            default -> null; // unset, or a value kind newer than this mapper
        };
    }

    /** Deeper structures are cut off: an exporter bug or a hostile client must not blow the stack. */
    static final int MAX_DEPTH = 16;

    /** A stable text form of any value, for keys: scalars as text, structures in protobuf text form. */
    static String keyText(AnyValue v) {
        return text(v).orElseGet(() -> v.toString().strip());
    }

    private static Optional<String> text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> Optional.of(v.getStringValue());
            case INT_VALUE -> Optional.of(Long.toString(v.getIntValue()));
            case DOUBLE_VALUE -> Optional.of(Double.toString(v.getDoubleValue()));
            case BOOL_VALUE -> Optional.of(Boolean.toString(v.getBoolValue()));
            default -> Optional.empty();
        };
    }

    private static OptionalLong parseLong(String s) {
        String t = s.trim();
        try {
            return OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException notAnInteger) {
            OptionalDouble d = parseDouble(t);
            return d.isPresent() ? integral(d.getAsDouble()) : OptionalLong.empty();
        }
    }

    private static OptionalDouble parseDouble(String s) {
        try {
            return finite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException notANumber) {
            return OptionalDouble.empty();
        }
    }

    private static Optional<Boolean> parseBool(String s) {
        String t = s.trim();
        if (t.equalsIgnoreCase("true") || t.equals("1")) {
            return Optional.of(true);
        }
        if (t.equalsIgnoreCase("false") || t.equals("0")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private static OptionalLong integral(double d) {
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63
                ? OptionalLong.of((long) d)
                : OptionalLong.empty();
    }

    private static OptionalDouble finite(double d) {
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }
}
