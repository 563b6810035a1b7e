package dev.ccotel.adapter.httpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.ccotel.domain.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Malformed, oversized and misdirected requests get the OTLP/HTTP status for it, and the listener keeps serving. */
class BadRequestsTest {
    private static final int SMALL_LIMIT = 64 * 1024;

    private static HttpReceiverConfig smallLimit() {
        return new HttpReceiverConfig("127.0.0.1", 0, SMALL_LIMIT, 4, Duration.ofSeconds(5));
    }

    private static Status pbStatus(HttpResponse<byte[]> answer) throws Exception {
        assertEquals("application/x-protobuf", answer.headers().firstValue("Content-Type").orElseThrow());
        return Status.parseFrom(answer.body());
    }

    private static Status jsonStatus(HttpResponse<byte[]> answer) throws Exception {
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElseThrow());
        Status.Builder status = Status.newBuilder();
        JsonFormat.parser().merge(new String(answer.body(), StandardCharsets.UTF_8), status);
        return status.build();
    }

    /** The listener still takes a good export after whatever came before. */
    private static void stillServes(RunningHttpReceiver receiver) {
        assertEquals(200, receiver.send(receiver.post("/v1/metrics", "application/x-protobuf",
                Fixtures.bytes(Fixtures.pb("text-reply", "0002-metrics.pb")))).statusCode());
    }

    @Test
    void garbageProtobufIs400WithAProtobufStatus() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/logs", "application/x-protobuf",
                    new byte[] {(byte) 0x0a, (byte) 0xff, 0x01, 0x02}));

            assertEquals(400, answer.statusCode());
            Status status = pbStatus(answer);
            assertEquals(Code.INVALID_ARGUMENT_VALUE, status.getCode());
            assertTrue(status.getMessage().startsWith("not a valid OTLP logs export"), status.getMessage());
            assertEquals(0, ingest.calls());
            stillServes(receiver);
        }
    }

    @Test
    void brokenJsonIs400WithAJsonStatus() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            for (String body : new String[] {"{\"resourceLogs\": [", "[1,2]", "{\"resourceLogs\": 7}"}) {
                HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/logs", "application/json",
                        body.getBytes(StandardCharsets.UTF_8)));

                assertEquals(400, answer.statusCode(), body);
                assertEquals(Code.INVALID_ARGUMENT_VALUE, jsonStatus(answer).getCode());
            }
            assertEquals(0, ingest.calls());
            stillServes(receiver);
        }
    }

    @Test
    void brokenGzipIs400() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/metrics", "application/x-protobuf",
                    Fixtures.bytes(Fixtures.pb("text-reply", "0002-metrics.pb"))).header("Content-Encoding", "gzip"));

            assertEquals(400, answer.statusCode());
            assertTrue(pbStatus(answer).getMessage().contains("not valid gzip"), pbStatus(answer).getMessage());
            stillServes(receiver);
        }
    }

    @Test
    void overTheLimitIs413_withLengthAndChunked() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        byte[] big = new byte[SMALL_LIMIT + 1];
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(smallLimit(), ingest, () -> RunningHttpReceiver.IDLE)) {
            HttpResponse<byte[]> withLength = receiver.send(receiver.post("/v1/logs", "application/x-protobuf", big));
            HttpResponse<byte[]> chunked = receiver.send(receiver.postChunked("/v1/logs", "application/json", big));

            assertEquals(413, withLength.statusCode());
            assertEquals(Code.RESOURCE_EXHAUSTED_VALUE, pbStatus(withLength).getCode());
            assertTrue(pbStatus(withLength).getMessage().contains("receiver.max-message-bytes"));
            assertEquals(413, chunked.statusCode());
            assertEquals(Code.RESOURCE_EXHAUSTED_VALUE, jsonStatus(chunked).getCode());
            assertEquals(0, ingest.calls());
            stillServes(receiver);
        }
    }

    @Test
    void exactlyAtTheLimitIsRead() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        byte[] atLimit = new byte[SMALL_LIMIT]; // zeros: a run of empty fields 0 is not valid, so expect 400 not 413
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(smallLimit(), ingest, () -> RunningHttpReceiver.IDLE)) {
            assertEquals(400, receiver.send(receiver.post("/v1/logs", "application/x-protobuf", atLimit)).statusCode());
        }
    }

    @Test
    void aZipBombIsRefusedWith413BeforeItIsInflatedWhole() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) { // 256 MiB of zeros, about 250 KiB compressed
                gz.write(zeros);
            }
        }
        assertTrue(bomb.size() < 2 * 1024 * 1024, "the bomb itself is small: " + bomb.size());
        HttpReceiverConfig config = new HttpReceiverConfig("127.0.0.1", 0, 1024 * 1024, 4, Duration.ofSeconds(5));
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(config, ingest, () -> RunningHttpReceiver.IDLE)) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/logs", "application/x-protobuf",
                    bomb.toByteArray()).header("Content-Encoding", "gzip"));

            assertEquals(413, answer.statusCode());
            assertTrue(pbStatus(answer).getMessage().contains("decompressed body is larger than 1048576 bytes"),
                    pbStatus(answer).getMessage());
            assertEquals(0, ingest.calls());
            stillServes(receiver);
        }
    }

    @Test
    void otherMediaTypesAre415() throws Exception {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> text = receiver.send(receiver.post("/v1/logs", "text/plain", "hi".getBytes()));
            HttpResponse<byte[]> none = receiver.send(HttpRequest.newBuilder(receiver.uri("/v1/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1})));

            assertEquals(415, text.statusCode());
            assertTrue(jsonStatus(text).getMessage().contains("text/plain"));
            assertEquals(415, none.statusCode());
            assertEquals(0, ingest.calls());
        }
    }

    @Test
    void aJsonContentTypeWithACharsetIsJson() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            assertEquals(200, receiver.send(receiver.post("/v1/logs", "application/json; charset=utf-8",
                    Fixtures.bytes(Fixtures.json("text-reply", "0001-logs.json")))).statusCode());
            assertEquals(1, ingest.calls());
        }
    }

    @Test
    void anUnknownContentEncodingIsRefused() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> answer = receiver.send(receiver.post("/v1/logs", "application/x-protobuf",
                    new byte[] {1, 2, 3}).header("Content-Encoding", "br"));

            assertTrue(answer.statusCode() == 400 || answer.statusCode() == 415, "status " + answer.statusCode());
            assertEquals(0, ingest.calls());
            stillServes(receiver);
        }
    }

    @Test
    void wrongPathIs404_wrongMethodIs405() {
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            HttpResponse<byte[]> wrongPath = receiver.send(receiver.post("/v1/log", "application/x-protobuf", new byte[0]));
            HttpResponse<String> get = receiver.get("/v1/logs");
            HttpResponse<byte[]> put = receiver.send(HttpRequest.newBuilder(receiver.uri("/v1/traces"))
                    .header("Content-Type", "application/x-protobuf")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[0])));
            HttpResponse<byte[]> postStatus = receiver.send(receiver.post("/status", "application/json", new byte[0]));

            assertEquals(404, wrongPath.statusCode());
            assertEquals(405, get.statusCode());
            assertTrue(get.body().contains("POST"), get.body());
            assertEquals(405, put.statusCode());
            assertEquals(405, postStatus.statusCode());
            assertEquals("GET", postStatus.headers().firstValue("Allow").orElseThrow());
            assertEquals(0, ingest.calls());
        }
    }

    @Test
    void aBodyOfZerosIsNotMistakenForEmpty() {
        byte[] zeros = new byte[16];
        Arrays.fill(zeros, (byte) 0);
        ScriptedIngest ingest = ScriptedIngest.accepting();
        try (RunningHttpReceiver receiver = RunningHttpReceiver.start(ingest)) {
            assertEquals(400, receiver.send(receiver.post("/v1/logs", "application/x-protobuf", zeros)).statusCode());
        }
    }

}
