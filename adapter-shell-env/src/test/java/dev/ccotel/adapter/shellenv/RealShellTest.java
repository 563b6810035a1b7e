package dev.ccotel.adapter.shellenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccotel.ports.in.TelemetryEnvOptions;
import dev.ccotel.ports.model.ShellChange;
import dev.ccotel.ports.model.ShellKind;
import dev.ccotel.ports.out.ShellProfilePort;
import dev.ccotel.ports.model.TelemetryEnv;
import dev.ccotel.ports.service.shellenv.TelemetryEnvPolicy;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starts the real bash, zsh and fish with HOME, ZDOTDIR and XDG_CONFIG_HOME inside a temporary folder (never the
 * real home) and checks which variables the shell ends up with. Skipped where a shell is not installed; the CI
 * script installs zsh and fish.
 */
class RealShellTest {

    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final TelemetryEnv TELEMETRY = withQuotingProbe(TelemetryEnvPolicy.decide(
            new TelemetryEnvOptions(4317, Optional.of(Duration.ofSeconds(10)), Optional.of(Duration.ofSeconds(5)), true)));
    /** Not UTF-8, and no final line break: the shells must still read the block that follows. */
    private static final String USER_LINES = "# caf\u00e9 \u00ff\u00fe\nalias ll='ls -l'";

    @TempDir
    Path temp;

    private TempHome home() {
        return new TempHome(temp)
                .with("ZDOTDIR", temp.resolve("zdot").toString())
                .with("XDG_CONFIG_HOME", temp.resolve("config").toString())
                .with("PATH", PATH);
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void afterInstall_theShellHasTheVariables_afterUninstall_itHasNone(ShellKind shell) throws Exception {
        assumeTrue(onPath(shell.id()), shell.id() + " is not installed");
        TempHome home = home();
        ShellProfilePort port = home.port();
        Path rc = Path.of(port.inspect(shell).getFirst().file());
        if (shell != ShellKind.FISH) {
            home.write(home.root.relativize(rc).toString(), USER_LINES);
        }

        List<ShellChange> installed = port.writeBlock(shell, TELEMETRY, false);
        Map<String, String> withBlock = environmentOf(home, shell, interactive(shell));
        port.removeBlock(shell, false);
        Map<String, String> withoutBlock = environmentOf(home, shell, interactive(shell));

        assertTrue(installed.stream().allMatch(ShellChange.Changed.class::isInstance), installed.toString());
        for (TelemetryEnv.Variable variable : TELEMETRY.variables()) {
            assertEquals(variable.value(), withBlock.get(variable.name()), shell + " " + variable.name());
            assertFalse(withoutBlock.containsKey(variable.name()), shell + " still has " + variable.name());
        }
    }

    /** Issue 11 item 8: a CRLF rc file used to get a CRLF block, and the shells saw every value with a \r. */
    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void crlfRcFile_theShellSeesTheValuesWithoutACarriageReturn(ShellKind shell) throws Exception {
        assumeTrue(onPath(shell.id()), shell.id() + " is not installed");
        TempHome home = home();
        ShellProfilePort port = home.port();
        Path rc = Path.of(port.inspect(shell).getFirst().file());
        // fish: ccotel owns conf.d/ccotel.fish, but a user's editor may have turned it into CRLF.
        home.write(home.root.relativize(rc).toString(), "# edited on Windows\r\nset_by_user=1\r\n"
                .replace("set_by_user=1", shell == ShellKind.FISH ? "set -gx SET_BY_USER 1" : "export SET_BY_USER=1"));

        port.writeBlock(shell, TELEMETRY, false);
        Map<String, String> withBlock = environmentOf(home, shell, interactive(shell));

        for (TelemetryEnv.Variable variable : TELEMETRY.variables()) {
            assertEquals(variable.value(), withBlock.get(variable.name()), shell + " " + variable.name());
        }
        assertEquals("http://127.0.0.1:4317", withBlock.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    @Test
    void bashLoginShell_getsTheVariablesFromABashProfileThatDoesNotSourceBashrc() throws Exception {
        assumeTrue(onPath("bash"), "bash is not installed");
        TempHome home = home();
        home.write("home/.bash_profile", "export FROM_PROFILE=1\n");

        home.port().writeBlock(ShellKind.BASH, TELEMETRY, false);

        Map<String, String> login = environmentOf(home, ShellKind.BASH, List.of("-l", "-c", "env"));
        assertEquals("1", login.get("FROM_PROFILE"));
        assertEquals("http://127.0.0.1:4317", login.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    /** A value each shell must receive literally: quotes, a backslash, a dollar and spaces. */
    private static TelemetryEnv withQuotingProbe(TelemetryEnv env) {
        List<TelemetryEnv.Variable> variables = new java.util.ArrayList<>(env.variables());
        variables.add(new TelemetryEnv.Variable("CCOTEL_QUOTING_PROBE", "it's a \\ $HOME \"x\""));
        return new TelemetryEnv(variables);
    }

    private static List<String> interactive(ShellKind shell) {
        return shell == ShellKind.FISH ? List.of("-c", "env") : List.of("-i", "-c", "env");
    }

    private static Map<String, String> environmentOf(TempHome home, ShellKind shell, List<String> arguments)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(shell.id()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.clear(); // nothing from the build's own environment, in particular no OTEL_* variables
        environment.putAll(home.environment());
        environment.put("TERM", "dumb");
        environment.put("XDG_DATA_HOME", home.root.resolve("data").toString());
        environment.put("XDG_CACHE_HOME", home.root.resolve("cache").toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(shell + " did not finish");
        }
        Map<String, String> variables = new HashMap<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                variables.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return variables;
    }

    private static boolean onPath(String program) {
        for (String folder : PATH.split(":")) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
