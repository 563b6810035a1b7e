package dev.ccotel.adapter.httpout;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code --dry-run}: prints each backend request as one JSON line, byte for byte what would be
 * posted, and reports it accepted. Lines from concurrent exports never interleave.
 */
public final class JsonLinesPublisher implements PublishTelemetryPort {
    private final PrintStream out;

    public JsonLinesPublisher(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public PublishOutcome publish(EncodedRequest request) {
        String line = new String(request.body(), StandardCharsets.UTF_8);
        synchronized (out) {
            out.print(line + "\n"); // JSON Lines means \n, whatever the platform's line separator
            out.flush();
        }
        return new PublishOutcome.Accepted();
    }
}
