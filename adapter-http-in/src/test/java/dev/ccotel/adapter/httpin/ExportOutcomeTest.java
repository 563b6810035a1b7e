package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.ccotel.domain.fixtures.Fixtures;
import dev.ccotel.ports.in.IngestResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The outcome -> OTLP/HTTP table, pinned: status, body and Retry-After, in both media types. */
class ExportOutcomeTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new IngestResult.Success(), 200,
                        ExportLogsServiceResponse.getDefaultInstance(), Optional.empty()),
                Arguments.of(new IngestResult.PartialSuccess(3, "backend refused 3 events (HTTP 422)"), 200,
                        ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                                .setRejectedLogRecords(3).setErrorMessage("backend refused 3 events (HTTP 422)")).build(),
                        Optional.empty()),
                Arguments.of(new IngestResult.RetryLater("spool full", Optional.of(Duration.ofMillis(2500))), 503,
                        status(Code.UNAVAILABLE, "spool full"), Optional.of("3")),
                Arguments.of(new IngestResult.RetryLater("backend down", Optional.of(Duration.ofSeconds(30))), 503,
                        status(Code.UNAVAILABLE, "backend down"), Optional.of("30")),
                Arguments.of(new IngestResult.RetryLater("store failing", Optional.empty()), 503,
                        status(Code.UNAVAILABLE, "store failing"), Optional.of("1")),
                Arguments.of(new IngestResult.RetryLater("clock skew", Optional.of(Duration.ofSeconds(-4))), 503,
                        status(Code.UNAVAILABLE, "clock skew"), Optional.of("0")));
    }

    private static Status status(Code code, String message) {
        return Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void tableMapsOutcomeToStatusAndBody(IngestResult outcome, int status, Message body, Optional<String> retryAfter) {
        Reply reply = HttpReplies.of(outcome, ExportLogsServiceResponse.getDefaultInstance(), (rejected, message) ->
                ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(rejected).setErrorMessage(message)).build());

        assertEquals(status, reply.status());
        assertEquals(body, reply.body());
        assertEquals(retryAfter, reply.retryAfter().map(d -> Long.toString(OtlpExchange.seconds(d))));
    }

    @ParameterizedTest(name = "{0} -> {1} over protobuf")
    @MethodSource("table")
    void theListenerAnswersAsTheTableSays_protobuf(IngestResult outcome, int status, Message body,
            Optional<String> retryAfter) throws Exception {
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ScriptedIngest.answering(outcome))) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/logs", "application/x-protobuf",
                    Fixtures.bytes(Fixtures.pb("bash-tool", "0001-logs.pb"))));

            assertEquals(status, answer.statusCode());
            assertEquals(retryAfter, answer.headers().firstValue("Retry-After"));
            assertEquals(body, body.getParserForType().parseFrom(answer.body()));
        }
    }

    @ParameterizedTest(name = "{0} -> {1} over JSON")
    @MethodSource("table")
    void theListenerAnswersAsTheTableSays_json(IngestResult outcome, int status, Message body,
            Optional<String> retryAfter) throws Exception {
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ScriptedIngest.answering(outcome))) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/logs", "application/json",
                    Fixtures.bytes(Fixtures.json("bash-tool", "0001-logs.json"))));

            assertEquals(status, answer.statusCode());
            assertEquals(retryAfter, answer.headers().firstValue("Retry-After"));
            Message.Builder parsed = body.newBuilderForType();
            JsonFormat.parser().merge(new String(answer.body(), StandardCharsets.UTF_8), parsed);
            assertEquals(body, parsed.build());
        }
    }
}
