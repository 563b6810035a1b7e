package dev.ccotel.ports.out;

import dev.ccotel.ports.model.TelemetryEnv;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ccotel.ports.model.TelemetryEnv.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryEnvTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "lower", "1ST", "A-B", "A B", "A=B"})
    void nameThatNoShellAccepts_isRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> new Variable(name, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "tab\there", "caf\u00e9", "nul\u0000"})
    void valueOutsidePrintableAscii_isRefused(String value) {
        assertThrows(IllegalArgumentException.class, () -> new Variable("NAME", value));
    }

    @Test
    void sameNameTwice_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TelemetryEnv(List.of(new Variable("A", "1"), new Variable("A", "2"))));
    }
}
