package dev.ccotel.app;

import dev.ccotel.app.cli.Cli;
import java.time.Clock;

/** Entry point of the runnable jar. */
public final class Main {
    /**
     * gRPC's Netty (shaded) defines JFR events for its buffer allocator: the first gRPC export made a daemon that
     * records nothing register them, loading about 108 classes of JFR's event machinery (and, from the training
     * run, into every start's AOT cache). Off unless a {@code -D} of the same name asks for them.
     */
    static final String NETTY_JFR = "io.grpc.netty.shaded.io.netty.jfr.enabled";

    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false"); // before any Netty class is initialized
        }
        System.exit(Cli.run(args, System.getenv(), Clock.systemUTC(), System.out, System.err));
    }
}
