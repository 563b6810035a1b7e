package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.model.TelemetryEnv.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BlockRendererTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BASH | export A=http://127.0.0.1:4317",
        "ZSH  | export A=http://127.0.0.1:4317",
        "FISH | set -gx A http://127.0.0.1:4317"})
    void plainValues_stayUnquoted(ShellKind shell, String line) {
        List<String> lines = BlockRenderer.lines(shell, new TelemetryEnv(List.of(new Variable("A", "http://127.0.0.1:4317"))));

        assertEquals(List.of(ManagedBlock.START, BlockRenderer.NOTE, line, ManagedBlock.END), lines);
    }

    @Test
    void otherValues_areSingleQuoted_inEachShellsOwnWay() {
        assertEquals("'it'\\''s $HOME'", BlockRenderer.posixQuote("it's $HOME"));
        assertEquals("''", BlockRenderer.posixQuote(""));
        assertEquals("'it\\'s a \\\\ $HOME'", BlockRenderer.fishQuote("it's a \\ $HOME"));
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void whatIsRendered_isReadBack(ShellKind shell) {
        TelemetryEnv env = new TelemetryEnv(List.of(
                new Variable("A", "plain"), new Variable("B", "it's a \\ back$lash"), new Variable("C", "")));

        String block = String.join("\r\n", BlockRenderer.lines(shell, env));

        assertEquals(env, BlockParser.parse(shell, block));
    }
}
