package dev.ccotel.ports.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The environment variables of the managed block, in the order they are written. Names and values are
 * restricted to printable ASCII so that every shell renders them the same way and the rc file's own
 * encoding never matters.
 */
public record TelemetryEnv(List<Variable> variables) {

    private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E]*");

    public TelemetryEnv {
        variables = List.copyOf(variables);
        Set<String> seen = new HashSet<>();
        for (Variable variable : variables) {
            if (!seen.add(variable.name())) {
                throw new IllegalArgumentException("variable set twice: " + variable.name());
            }
        }
    }

    public Optional<String> value(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).map(Variable::value).findFirst();
    }

    public record Variable(String name, String value) {
        public Variable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an environment variable name: " + name);
            }
            if (!VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException(name + " must be printable ASCII: " + value);
            }
        }
    }
}
