package dev.ccotel.adapter.http;

import dev.ccotel.domain.model.CcOtelRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.io.PrintStream;
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
    public PublishOutcome publish(CcOtelRequest request) {
        String line;
        try {
            line = BackendJson.toJsonString(request);
        } catch (RuntimeException e) {
            return new PublishOutcome.Rejected(request.itemCount(), "could not encode the request as JSON: "
                    + e.getMessage());
        }
        synchronized (out) {
            out.print(line + "\n"); // JSON Lines means \n, whatever the platform's line separator
            out.flush();
        }
        return new PublishOutcome.Accepted();
    }
}
