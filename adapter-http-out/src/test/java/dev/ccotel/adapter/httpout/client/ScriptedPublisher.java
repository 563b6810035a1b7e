package dev.ccotel.adapter.httpout.client;

import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** A byte publisher that answers from a script (the last answer repeats) and records what it got. */
final class ScriptedPublisher implements BackendClient {
    private final Deque<PublishOutcome> script = new ArrayDeque<>();
    private final List<byte[]> posts = new ArrayList<>();
    private Consumer<byte[]> onPost = json -> {};
    private PublishOutcome last;

    ScriptedPublisher(PublishOutcome... outcomes) {
        script.addAll(List.of(outcomes));
    }

    synchronized ScriptedPublisher then(PublishOutcome... outcomes) {
        script.addAll(List.of(outcomes));
        return this;
    }

    /** Something to do on every post, e.g. let time pass as a slow backend would. */
    synchronized ScriptedPublisher onPost(Consumer<byte[]> action) {
        onPost = action;
        return this;
    }

    @Override
    public synchronized PublishOutcome publish(EncodedRequest request) {
        byte[] json = request.body();
        posts.add(json);
        onPost.accept(json);
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last;
    }

    @Override
    public void close() {}

    synchronized List<byte[]> posts() {
        return List.copyOf(posts);
    }
}
