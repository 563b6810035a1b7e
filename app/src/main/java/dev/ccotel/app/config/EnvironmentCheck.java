package dev.ccotel.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code CCOTEL_*} variables that set nothing: most likely typos, which would otherwise be ignored silently. */
public final class EnvironmentCheck {
    /** Read by bin/ccotel, not by the program. */
    static final Set<String> LAUNCHER_VARIABLES = Set.of("CCOTEL_JAVA", "CCOTEL_JAVA_OPTS", "CCOTEL_JVM_DIRS");

    private EnvironmentCheck() {}

    /** One warning per unknown variable, with the closest known one when it looks like a typo. */
    public static List<String> unknownVariables(Map<String, String> environment) {
        Set<String> known = new TreeSet<>(LAUNCHER_VARIABLES);
        ConfigKeys.accepted().forEach(key -> known.add(ConfigKeys.environmentVariable(key)));
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith("CCOTEL_") && !known.contains(name)) {
                warnings.add("environment variable " + name + " is not a ccotel setting and is ignored"
                        + NearMiss.hint(name, known));
            }
        }
        return warnings;
    }
}
