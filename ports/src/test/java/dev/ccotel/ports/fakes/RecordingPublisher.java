package dev.ccotel.ports.fakes;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.util.ArrayList;
import java.util.List;

/** Accepts everything and remembers what it was given. */
public final class RecordingPublisher implements PublishTelemetryPort {
    private final List<EncodedRequest> published = new ArrayList<>();

    @Override
    public synchronized PublishOutcome publish(EncodedRequest request) {
        published.add(request);
        return new PublishOutcome.Accepted();
    }

    public synchronized List<EncodedRequest> published() {
        return List.copyOf(published);
    }
}
