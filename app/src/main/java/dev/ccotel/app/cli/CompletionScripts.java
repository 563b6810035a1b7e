package dev.ccotel.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;

/**
 * Writes the shell completion scripts into the distribution at build time (see app/pom.xml), from the
 * same command tree that runs. picocli's script serves bash and, through bashcompinit, zsh.
 */
public final class CompletionScripts {
    private CompletionScripts() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        PrintStream none = new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        String script = AutoComplete.bash("ccotel", Cli.commandLine(Map.of(), Clock.systemUTC(), none, none));
        Files.writeString(dir.resolve("ccotel.bash"), script, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ccotel.zsh"), script, StandardCharsets.UTF_8);
    }
}
