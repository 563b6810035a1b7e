package dev.ccotel.ports.fakes;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.model.OutboxDepth;
import dev.ccotel.ports.out.OutboxPort;
import dev.ccotel.ports.out.PendingRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An outbox in a sorted map; records what was delivered and refused. */
public final class InMemoryOutbox implements OutboxPort {
    private final TreeMap<Long, PendingRequest> pending = new TreeMap<>();
    private final List<Long> delivered = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private long nextId = 1;

    public synchronized long add(EncodedRequest request) {
        long id = nextId++;
        pending.put(id, new PendingRequest(id, Instant.EPOCH, request));
        return id;
    }

    @Override
    public synchronized List<PendingRequest> oldest(int max) {
        return pending.values().stream().limit(max).toList();
    }

    @Override
    public synchronized void delivered(List<Long> ids) {
        for (long id : ids) {
            pending.remove(id);
            delivered.add(id);
        }
    }

    @Override
    public synchronized void refused(long id, String message) {
        pending.remove(id);
        refused.add(id + ": " + message);
    }

    @Override
    public synchronized OutboxDepth depth() {
        long bytes = pending.values().stream().mapToLong(p -> p.request().body().length).sum();
        Optional<Instant> oldest = Optional.ofNullable(pending.firstEntry()).map(Map.Entry::getValue)
                .map(PendingRequest::keptAt);
        return new OutboxDepth(pending.size(), bytes, oldest, refused.size());
    }

    public synchronized List<Long> deliveredIds() {
        return List.copyOf(delivered);
    }

    public synchronized List<String> refusals() {
        return List.copyOf(refused);
    }
}
