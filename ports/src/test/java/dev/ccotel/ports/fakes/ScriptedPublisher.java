package dev.ccotel.ports.fakes;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.out.PublishTelemetryPort;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers with the scripted outcomes in order, then repeats the last one; records every call. */
public final class ScriptedPublisher implements PublishTelemetryPort {
    private final Deque<PublishOutcome> script;
    private final List<EncodedRequest> calls = new ArrayList<>();
    private PublishOutcome last;

    public ScriptedPublisher(PublishOutcome... outcomes) {
        if (outcomes.length == 0) {
            throw new IllegalArgumentException("script at least one outcome");
        }
        this.script = new ArrayDeque<>(List.of(outcomes));
    }

    @Override
    public synchronized PublishOutcome publish(EncodedRequest request) {
        calls.add(request);
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last;
    }

    public synchronized List<EncodedRequest> calls() {
        return List.copyOf(calls);
    }
}
