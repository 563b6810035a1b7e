package dev.ccotel.app;

import dev.ccotel.app.cli.Cli;
import java.time.Clock;

/** Entry point of the runnable jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.getenv(), Clock.systemUTC(), System.out, System.err));
    }
}
