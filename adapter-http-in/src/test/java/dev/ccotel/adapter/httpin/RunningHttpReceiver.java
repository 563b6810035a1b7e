package dev.ccotel.adapter.httpin;

import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.ReportStatusUseCase;
import dev.ccotel.ports.model.DeliveryStatus;
import dev.ccotel.ports.model.OutboxDepth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A started OTLP/HTTP receiver on 127.0.0.1:0 and a real HTTP/1.1 client to it. */
final class RunningHttpReceiver implements AutoCloseable {
    /** Generous: only there so a broken test fails instead of hanging. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final DaemonStatus IDLE = new DaemonStatus("test", 1, Instant.EPOCH, Duration.ZERO, List.of(),
            new DeliveryStatus(List.of(), OutboxDepth.EMPTY), List.of(), 0, Optional.empty(), java.util.Map.of());

    final OtlpHttpServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    private RunningHttpReceiver(OtlpHttpServer server) {
        this.server = server;
    }

    static HttpReceiverConfig localConfig() {
        return HttpReceiverConfig.defaults().withPort(0);
    }

    static RunningHttpReceiver start(ScriptedIngest ingest) {
        return start(localConfig(), ingest, () -> IDLE);
    }

    static RunningHttpReceiver start(HttpReceiverConfig config, ScriptedIngest ingest, ReportStatusUseCase status) {
        return new RunningHttpReceiver(new OtlpHttpServer(config, ingest, ingest, ingest, status).start());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Without a length, so the client sends it chunked. */
    HttpRequest.Builder postChunked(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
