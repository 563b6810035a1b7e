package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaterOverridesTest {
    private static final TelemetryEnv ENV = TelemetryEnvPolicy.decide(
            new TelemetryEnvOptions(4317, Optional.empty(), Optional.empty(), false));

    private static List<String> after(ShellKind shell, String lines) {
        String block = String.join("\n", BlockRenderer.lines(shell, ENV));
        String text = "# mine\n" + block + "\n" + lines;
        return LaterOverrides.find(shell, text, text.indexOf(ManagedBlock.END) + ManagedBlock.END.length(), ENV);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BASH|export OTEL_EXPORTER_OTLP_ENDPOINT=http://x:4317|true",
            "BASH|  OTEL_METRICS_EXPORTER=none|true",
            "BASH|declare -x OTEL_LOGS_EXPORTER=console|true",
            "ZSH|typeset -gx OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf|true",
            "ZSH|unset FOO CLAUDE_CODE_ENABLE_TELEMETRY|true",
            "BASH|export OTEL_SERVICE_NAME=x|false",
            "BASH|# export OTEL_EXPORTER_OTLP_ENDPOINT=http://x:4317|false",
            "BASH|echo OTEL_EXPORTER_OTLP_ENDPOINT=x|false",
            "FISH|set -gx OTEL_EXPORTER_OTLP_ENDPOINT http://x:4317|true",
            "FISH|set -e CLAUDE_CODE_ENABLE_TELEMETRY|true",
            "FISH|set -gx EDITOR vim|false"})
    void aLaterLineThatSetsAVariableOfTheBlock_isFound_withItsLineNumber(ShellKind shell, String line, boolean found) {
        List<String> overrides = after(shell, "alias x=y\n" + line + "\r\n");

        int lineNumber = 1 + BlockRenderer.lines(shell, ENV).size() + 2;
        assertEquals(found ? List.of("line " + lineNumber + ": " + line.strip()) : List.of(), overrides);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"BASH|export OTEL_METRICS_EXPORTER=none"})
    void linesBeforeTheBlock_doNotCount(ShellKind shell, String line) {
        String block = String.join("\n", BlockRenderer.lines(shell, ENV));
        String text = line + "\n" + block + "\n";

        assertEquals(List.of(), LaterOverrides.find(shell, text, text.indexOf(ManagedBlock.END) + ManagedBlock.END.length(), ENV));
    }
}
