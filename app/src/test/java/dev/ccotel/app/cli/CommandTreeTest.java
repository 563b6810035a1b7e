package dev.ccotel.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A command line builds the model of the one subcommand it runs, except where the others are shown. */
class CommandTreeTest {
    private static final PrintStream NONE = new PrintStream(OutputStream.nullOutputStream());

    private static List<String> subcommands(String... args) {
        return List.copyOf(Cli.commandLine(Map.of(), Clock.systemUTC(), NONE, NONE, Cli.needed(args))
                .getSubcommands().keySet());
    }

    @Test
    void theSubcommandIsTheFirstWordThatIsNeitherAnOptionNorItsValue() {
        assertEquals(Optional.of("report"), Cli.subcommandIn(new String[] {"--config", "x.yaml", "--set", "a=b", "-v",
                "report", "sessions"}));
        assertEquals(Optional.empty(), Cli.subcommandIn(new String[] {"--version"}));
        assertEquals(Optional.empty(), Cli.subcommandIn(new String[] {"--set", "report"}));
    }

    @Test
    void aNamedSubcommand_isTheOnlyOneBuilt() {
        assertEquals(List.of("status"), subcommands("status", "--json"));
        assertEquals(List.of("cc"), subcommands("--set", "receiver.port=1", "cc", "status"));
    }

    @Test
    void helpNoSubcommandOrAnUnknownOne_buildTheWholeTree_soUsageAndDidYouMeanSeeEveryCommand() {
        List<String> all = List.of("daemon", "status", "report", "dashboard", "import", "store", "inspect", "train-cache",
                "config", "help", "cc", "service", "hub", "statusline", "hook");
        assertEquals(all, subcommands("help", "report"));
        assertEquals(all, subcommands("reprot"));
        assertEquals(all, subcommands());
        assertEquals(all, subcommands("--version", "--help"));
    }

    @Test
    void aBareVersion_needsNoSubcommandAtAll() {
        assertEquals(List.of(), subcommands("--version"));
        assertEquals(List.of(), subcommands("-V"));
    }
}
