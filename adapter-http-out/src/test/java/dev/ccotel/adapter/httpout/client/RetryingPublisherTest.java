package dev.ccotel.adapter.httpout.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.adapter.httpout.Requests;
import dev.ccotel.adapter.httpout.client.FakeBackend.Reply;
import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.ports.out.EncodedRequest;
import dev.ccotel.ports.out.PublishOutcome;
import dev.ccotel.ports.service.forward.Backoff;
import dev.ccotel.ports.out.PublishOutcome.Accepted;
import dev.ccotel.ports.out.PublishOutcome.Rejected;
import dev.ccotel.ports.out.PublishOutcome.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryingPublisherTest {
    private static final EncodedRequest REQUEST = new EncodedRequest("s", "{}".getBytes(), 1);
    private static final RetryLater UNAVAILABLE = new RetryLater("503", Optional.empty());
    private static final RandomGenerator NO_JITTER = new java.util.Random(1) {
        @Override
        public long nextLong(long bound) {
            return bound - 1; // the full backoff, so the schedule is predictable
        }
    };

    private final FakeTime time = new FakeTime();

    @Test
    void backendAnswers503OnceThen200_outcomeIsAcceptedAfterTwoPosts() throws Exception {
        try (FakeBackend backend = new FakeBackend()) {
            AtomicInteger calls = new AtomicInteger();
            backend.answer(r -> calls.getAndIncrement() == 0 ? Reply.of(503) : Reply.of(200, "{\"success\":true}"));
            try (HttpBackendPublisher http = new HttpBackendPublisher(TestConfigs.forUrl(backend.url()),
                    Clock.systemUTC())) {
                PublishOutcome outcome = retrying(http, Duration.ofSeconds(5)).publish(BackendJson.encode(Requests.everyField()));
                assertInstanceOf(Accepted.class, outcome);
            }
            assertEquals(2, backend.received().size());
        }
    }

    @Test
    void backendKeepsAnswering503_givesUpWithinTheBudgetWithRetryLater() {
        ScriptedPublisher backend = new ScriptedPublisher(UNAVAILABLE);
        PublishOutcome outcome = retrying(backend, Duration.ofSeconds(5)).publish(REQUEST);
        RetryLater later = assertInstanceOf(RetryLater.class, outcome);
        assertTrue(later.reason().startsWith("503 ("), later.reason());
        Duration slept = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(slept.compareTo(Duration.ofSeconds(5)) < 0, "slept " + slept);
        assertEquals(time.sleeps().size() + 1, backend.posts().size());
    }

    @Test
    void backoffDoublesUpToItsCap() {
        ScriptedPublisher backend = new ScriptedPublisher(UNAVAILABLE);
        retrying(backend, Duration.ofSeconds(20)).publish(REQUEST);
        assertEquals(List.of(200L, 400L, 800L, 1600L, 2000L), time.sleeps().subList(0, 5).stream()
                .map(Duration::toMillis).toList());
    }

    @Test
    void backendRejects400_isNotRetried() {
        ScriptedPublisher backend = new ScriptedPublisher(new Rejected(1, "400"));
        assertInstanceOf(Rejected.class, retrying(backend, Duration.ofSeconds(5)).publish(REQUEST));
        assertEquals(1, backend.posts().size());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void retryAfterWithinTheBudget_isWaitedFor() {
        ScriptedPublisher backend = new ScriptedPublisher(new RetryLater("429", Optional.of(Duration.ofSeconds(3))),
                new Accepted());
        assertInstanceOf(Accepted.class, retrying(backend, Duration.ofSeconds(5)).publish(REQUEST));
        assertEquals(List.of(Duration.ofSeconds(3)), time.sleeps());
    }

    @Test
    void retryAfterBeyondTheBudget_givesUpAtOnceKeepingTheDelay() {
        ScriptedPublisher backend = new ScriptedPublisher(new RetryLater("429", Optional.of(Duration.ofSeconds(60))),
                new Accepted());
        RetryLater later = assertInstanceOf(RetryLater.class, retrying(backend, Duration.ofSeconds(5)).publish(REQUEST));
        assertEquals(Optional.of(Duration.ofSeconds(60)), later.after());
        assertEquals(1, backend.posts().size());
    }

    @Test
    void slowFailuresEatTheBudget_noRetryStartsAfterIt() {
        ScriptedPublisher backend = new ScriptedPublisher(UNAVAILABLE).onPost(json -> time.advance(Duration.ofSeconds(3)));
        assertInstanceOf(RetryLater.class, retrying(backend, Duration.ofSeconds(5)).publish(REQUEST));
        assertEquals(2, backend.posts().size());
    }

    @Test
    void zeroBudget_meansOneAttempt() {
        ScriptedPublisher backend = new ScriptedPublisher(UNAVAILABLE);
        assertInstanceOf(RetryLater.class, retrying(backend, Duration.ZERO).publish(REQUEST));
        assertEquals(1, backend.posts().size());
    }

    private RetryingPublisher retrying(BackendClient delegate, Duration budget) {
        return new RetryingPublisher(delegate, budget, time, time,
                () -> new Backoff(RetryingPublisher.FIRST_BACKOFF, RetryingPublisher.MAX_BACKOFF, NO_JITTER));
    }
}
