package dev.ccotel.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged daemon carries no OpenTelemetry SDK or API: with one (and its autoconfigure) on the class
 * path, the OTEL_* variables that {@code cc install} puts in the user's shell would make the daemon
 * export its own telemetry, to itself. Only opentelemetry-proto, the OTLP messages, belongs there.
 */
class RuntimeClasspathIT {
    @Test
    void theRuntimeLibrariesHoldNoOpenTelemetrySdkOrApi() throws IOException {
        Path libs = Path.of("target", "libs");
        assertTrue(Files.isDirectory(libs), "package first: " + libs.toAbsolutePath());
        List<String> otel;
        try (Stream<Path> jars = Files.list(libs)) {
            otel = jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("opentelemetry-")).sorted().toList();
        }
        assertEquals(1, otel.size(), "only opentelemetry-proto: " + otel);
        assertTrue(otel.get(0).startsWith("opentelemetry-proto-"), otel.toString());
    }
}
