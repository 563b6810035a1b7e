package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The services hand the use case to the blocking executor and answer from there, or say UNAVAILABLE when it is gone. */
class ServiceHandOffTest {

    @Test
    void useCase_runsOnTheBlockingExecutor_andTheAnswerComesFromThere() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        List<Runnable> queued = new ArrayList<>();
        Recording responses = new Recording();
        LogsServiceImpl service = new LogsServiceImpl(ingest, queued::add);

        service.export(Fixtures.pbLogs("text-reply"), responses);
        assertEquals(0, ingest.logs().size(), "nothing runs on the calling (transport) thread");
        assertEquals(List.of(), responses.events);
        queued.forEach(Runnable::run);

        assertEquals(1, ingest.logs().size());
        assertEquals(List.of("next", "completed"), responses.events);
    }

    @Test
    void executorShutDown_answersUnavailable() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        Executor shutDown = task -> {
            throw new RejectedExecutionException("shut down");
        };
        Recording responses = new Recording();

        new LogsServiceImpl(ingest, shutDown).export(Fixtures.pbLogs("text-reply"), responses);

        assertEquals(List.of("error"), responses.events);
        StatusRuntimeException error = assertInstanceOf(StatusRuntimeException.class, responses.error);
        assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode());
        assertTrue(error.getStatus().getDescription().contains("shutting down"), error.getStatus().getDescription());
        assertEquals(0, ingest.logs().size());
    }

    private static final class Recording implements StreamObserver<ExportLogsServiceResponse> {
        final List<String> events = new ArrayList<>();
        Throwable error;

        @Override
        public void onNext(ExportLogsServiceResponse value) {
            events.add("next");
        }

        @Override
        public void onError(Throwable t) {
            events.add("error");
            error = t;
        }

        @Override
        public void onCompleted() {
            events.add("completed");
        }
    }
}
