package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import dev.ccotel.domain.fixtures.Fixtures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Start, health, limits and stop of the receiver, over real sockets on 127.0.0.1. */
class ReceiverLifecycleTest {
    private static final long WAIT_SECONDS = 20;

    @Test
    void portZero_bindsAFreePortAndReportsIt() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.start(ScriptedIngest.accepting())) {
            assertTrue(receiver.server.port() > 0);
        }
    }

    @Test
    void startedReceiver_reportsServingOnTheStandardHealthService() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.start(ScriptedIngest.accepting())) {
            for (String service : new String[] {"", LogsServiceGrpc.SERVICE_NAME, MetricsServiceGrpc.SERVICE_NAME}) {
                HealthCheckResponse health = receiver.health().check(
                        HealthCheckRequest.newBuilder().setService(service).build());
                assertEquals(ServingStatus.SERVING, health.getStatus(), "service '" + service + "'");
            }
        }
    }

    @Test
    void busyPort_startFailsNamingTheAddressAndTheKey() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            OtlpGrpcServer server = new OtlpGrpcServer(RunningReceiver.localConfig().withPort(port), ingest, ingest, RunningReceiver.ACCEPT_TRACES);

            UncheckedIOException failure = assertThrows(UncheckedIOException.class, server::start);

            String message = failure.getMessage();
            assertTrue(message.startsWith("cannot listen on 127.0.0.1:" + port + ": address already in use"), message);
            assertTrue(message.contains("receiver.port"), message);
            server.close();
        }
    }

    @Test
    void exportsBeyondTheLimit_waitForAPlace_fourPerPlace_andOnlyTheRestGetResourceExhausted()
            throws Exception {
        GrpcReceiverConfig config = new GrpcReceiverConfig("127.0.0.1", 0, 1 << 20, 2, Duration.ofSeconds(10));
        BlockingIngest ingest = new BlockingIngest();
        try (RunningReceiver receiver = RunningReceiver.start(config, ingest)) {
            ListenableFuture<ExportLogsServiceResponse> first = receiver.logsAsync().export(Fixtures.pbLogs("text-reply"));
            ListenableFuture<ExportLogsServiceResponse> second = receiver.logsAsync().export(Fixtures.pbLogs("bash-tool"));
            ingest.awaitHeld(2);
            java.util.List<ListenableFuture<ExportLogsServiceResponse>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < 2 * ConcurrencyLimit.WAITING_PER_PLACE; i++) {
                waiting.add(receiver.logsAsync().export(Fixtures.pbLogs("write-file")));
            }
            awaitWaiting(receiver, 2 * ConcurrencyLimit.WAITING_PER_PLACE);

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> receiver.metrics().export(Fixtures.pbMetrics("text-reply")));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode(), refused::toString);
            assertTrue(refused.getStatus().getDescription().contains("2 exports and 8 more wait")
                    && refused.getStatus().getDescription().contains("receiver.max-concurrent-calls"),
                    refused.getStatus().getDescription());
            assertEquals(ServingStatus.SERVING, receiver.health().check(HealthCheckRequest.getDefaultInstance()).getStatus());
            assertFalse(waiting.stream().anyMatch(java.util.concurrent.Future::isDone), "the waiting calls wait");
            assertEquals(2, ingest.entries(), "a waiting call has not started");

            ingest.release();
            waiting.addAll(java.util.List.of(first, second));
            for (ListenableFuture<ExportLogsServiceResponse> call : waiting) {
                assertEquals(ExportLogsServiceResponse.getDefaultInstance(), call.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            assertEquals(10, ingest.entries());
            // Places come back: the limit bounds concurrency, not the number of exports.
            receiver.metrics().export(Fixtures.pbMetrics("text-reply"));
            receiver.logs().export(Fixtures.pbLogs("text-reply"));
            receiver.logs().export(Fixtures.pbLogs("write-file"));
            assertEquals(0, receiver.server.waitingForAPlace());
        }
    }

    @Test
    void aWaitingCallThatIsCancelled_givesItsPlaceInTheQueueBack_andNeverStarts() throws Exception {
        BlockingIngest ingest = new BlockingIngest();
        try (RunningReceiver receiver = RunningReceiver.start(places(1), ingest)) {
            ListenableFuture<ExportLogsServiceResponse> first = holdThePlace(receiver, ingest);
            ListenableFuture<ExportLogsServiceResponse> cancelled = receiver.logsAsync().export(Fixtures.pbLogs("bash-tool"));
            awaitWaiting(receiver, 1);

            cancelled.cancel(true);
            awaitWaiting(receiver, 0);
            ingest.release();

            first.get(WAIT_SECONDS, TimeUnit.SECONDS);
            receiver.logs().export(Fixtures.pbLogs("write-file"));
            assertEquals(2, ingest.entries(), "the cancelled call never reached the use case");
        }
    }

    @Test
    void aCallWhoseDeadlineComesFirst_isNotStarted_andSaysWhy() throws Exception {
        BlockingIngest ingest = new BlockingIngest();
        try (RunningReceiver receiver = RunningReceiver.start(places(1), ingest)) {
            ListenableFuture<ExportLogsServiceResponse> first = holdThePlace(receiver, ingest);

            // Its wait ends half a second before its deadline, kept for the export itself.
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> receiver.logs()
                    .withDeadlineAfter(1, TimeUnit.SECONDS).export(Fixtures.pbLogs("bash-tool")));
            ingest.release();

            // On a loaded machine the client's own deadline may win the race; either way it never started.
            assertTrue(refused.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED
                    || refused.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED, refused::toString);
            first.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(1, ingest.entries(), "the refused call never reached the use case");
        }
    }

    private static GrpcReceiverConfig places(int calls) {
        return new GrpcReceiverConfig("127.0.0.1", 0, 1 << 20, calls, Duration.ofSeconds(10));
    }

    /** An export that holds the receiver's one place, inside the use case, until the ingest is released. */
    private static ListenableFuture<ExportLogsServiceResponse> holdThePlace(RunningReceiver receiver,
            BlockingIngest ingest) throws InterruptedException {
        ListenableFuture<ExportLogsServiceResponse> call = receiver.logsAsync().export(Fixtures.pbLogs("text-reply"));
        ingest.awaitHeld(1);
        return call;
    }

    private static void awaitWaiting(RunningReceiver receiver, int calls) throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                receiver.server.waitingForAPlace() != calls; Thread.sleep(5)) {
            assertTrue(System.nanoTime() < end, "never " + calls + " calls waiting: " + receiver.server.waitingForAPlace());
        }
    }

    @Test
    void closeDuringAnExport_turnsHealthNotServingAndLetsTheExportFinish() throws Exception {
        BlockingIngest ingest = new BlockingIngest();
        try (RunningReceiver receiver = RunningReceiver.start(ingest)) {
            HealthWatch watch = HealthWatch.open(receiver);
            assertEquals(ServingStatus.SERVING, watch.next());
            ListenableFuture<ExportLogsServiceResponse> inFlight = receiver.logsAsync().export(Fixtures.pbLogs("write-file"));
            ingest.awaitHeld(1);

            Thread closer = Thread.ofPlatform().name("closer").start(receiver.server::close);
            assertEquals(ServingStatus.NOT_SERVING, watch.next());
            watch.cancel(); // a watch is a call in flight too; it would hold the drain for the whole grace
            ingest.release();

            assertEquals(ExportLogsServiceResponse.getDefaultInstance(), inFlight.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(closer.join(Duration.ofSeconds(WAIT_SECONDS)), "close() returned once the export finished");
            StatusRuntimeException afterClose = assertThrows(StatusRuntimeException.class,
                    () -> receiver.logs().export(Fixtures.pbLogs("write-file")));
            assertEquals(Status.Code.UNAVAILABLE, afterClose.getStatus().getCode(), afterClose::toString);
        }
    }

    @Test
    void exportStillRunningAfterTheGrace_isCancelled() throws Exception {
        GrpcReceiverConfig config = new GrpcReceiverConfig("127.0.0.1", 0, 1 << 20, 4, Duration.ZERO);
        BlockingIngest ingest = new BlockingIngest();
        try (RunningReceiver receiver = RunningReceiver.start(config, ingest)) {
            ListenableFuture<ExportLogsServiceResponse> stuck = receiver.logsAsync().export(Fixtures.pbLogs("write-file"));
            ingest.awaitHeld(1);

            receiver.server.close();

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> stuck.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(StatusRuntimeException.class, failure.getCause());
        } finally {
            ingest.release();
        }
    }

    @Test
    void receiverStartsOnce() throws Exception {
        try (RunningReceiver receiver = RunningReceiver.start(ScriptedIngest.accepting())) {
            assertThrows(IllegalStateException.class, receiver.server::start);
            receiver.server.close();
            receiver.server.close(); // a second close (SIGTERM after an error) is harmless
            assertThrows(IllegalStateException.class, receiver.server::start);
        }
    }

    @Test
    void nonLoopbackHost_isWarnedAbout() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (CapturedLog log = CapturedLog.of(OtlpGrpcServer.class)) {
            new OtlpGrpcServer(RunningReceiver.localConfig(), ingest, ingest, RunningReceiver.ACCEPT_TRACES).close();
            assertFalse(log.contains("not a loopback address"), "loopback is the quiet default");

            // Constructed but never started: the warning comes before anything is bound.
            new OtlpGrpcServer(new GrpcReceiverConfig("0.0.0.0", 0, 1 << 20, 4, Duration.ZERO), ingest, ingest, RunningReceiver.ACCEPT_TRACES).close();
            assertTrue(log.contains("receiver.host 0.0.0.0 is not a loopback address"), log::toString);
        }
    }

    /** A health Watch stream, as a supervisor would keep open. */
    private static final class HealthWatch {
        private final BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
        private final AtomicReference<ClientCallStreamObserver<HealthCheckRequest>> call = new AtomicReference<>();

        static HealthWatch open(RunningReceiver receiver) {
            HealthWatch watch = new HealthWatch();
            HealthGrpc.newStub(receiver.channel).watch(HealthCheckRequest.getDefaultInstance(),
                    new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {
                        @Override
                        public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requests) {
                            watch.call.set(requests);
                        }

                        @Override
                        public void onNext(HealthCheckResponse response) {
                            watch.statuses.add(response.getStatus());
                        }

                        @Override
                        public void onError(Throwable t) {}

                        @Override
                        public void onCompleted() {}
                    });
            return watch;
        }

        ServingStatus next() throws InterruptedException {
            ServingStatus status = statuses.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(status != null, "no health update arrived");
            return status;
        }

        void cancel() {
            call.get().cancel("test is done watching", null);
        }
    }
}
