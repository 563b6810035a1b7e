package dev.ccotel.adapter.transcripts.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

/**
 * {@code ccotel import --refresh-prices [URL]}: fetches LiteLLM's price list, keeps its Claude models'
 * prices, dated today, where {@link PriceList} reads them. A list with no Claude model in it is refused
 * and the copy before it stays.
 */
public final class PriceRefresh {
    /** Where LiteLLM keeps the list (what ccusage fetches as well). */
    public static final URI LITELLM = URI.create(
            "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json");
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private PriceRefresh() {
    }

    /** What a refresh kept. */
    public record Refreshed(int models, String asOf, Path file) {}

    /**
     * @throws IOException when the list cannot be fetched, read or written, with the reason in words
     */
    public static Refreshed refresh(URI from, Path to, Clock clock) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(from).timeout(Duration.ofSeconds(60))
                .header("User-Agent", "ccotel").GET().build();
        JsonNode litellm;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(from + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException(from + " sent more than " + MAX_BYTES / (1024 * 1024) + " MB");
                }
                litellm = PriceList.Json.MAPPER.readTree(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + from, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(from + " did not send JSON: " + e.getOriginalMessage(), e);
        }
        String asOf = LocalDate.now(clock).toString();
        ObjectNode kept = PriceList.claudeOnly(litellm, asOf, "LiteLLM's model_prices_and_context_window.json from "
                + from + ", its Claude models");
        int models = kept.path("models").size();
        if (models == 0) {
            throw new IOException(from + " holds no Claude model with a price: not LiteLLM's price list; the list"
                    + " before it stays");
        }
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path temporary = to.resolveSibling(to.getFileName() + ".new");
        PriceList.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), kept);
        Files.move(temporary, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Refreshed(models, asOf, to);
    }
}
