package dev.ccotel.adapter.transcripts.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.domain.model.PriceTable;
import dev.ccotel.ports.out.LoadPricesPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The price list estimates are made with, in LiteLLM's format ({@code model_prices_and_context_window.json}, the list
 * ccusage uses too), cut to Claude models: the copy {@code ccotel import --refresh-prices} last wrote, else the
 * dated snapshot shipped in this jar. Where an entry has no price for hour-long cache writes
 * ({@code cache_creation_input_token_cost_above_1hr}), it is twice the input price, as Anthropic prices them (a
 * five-minute write is 1.25 times).
 */
public final class PriceList implements LoadPricesPort {
    static final String SHIPPED = "claude-prices.json";
    /** The fields kept of each LiteLLM entry: the prices, not the context sizes or capabilities. */
    static final List<String> FIELDS = List.of("input_cost_per_token", "output_cost_per_token",
            "cache_creation_input_token_cost", "cache_creation_input_token_cost_above_1hr",
            "cache_read_input_token_cost", "input_cost_per_token_above_200k_tokens",
            "output_cost_per_token_above_200k_tokens", "cache_creation_input_token_cost_above_200k_tokens",
            "cache_read_input_token_cost_above_200k_tokens");
    /**
     * Made on first use: an import over unchanged files asks only the list's date ({@link #asOf}), and a mapper
     * made with the class was about 280 Jackson classes loaded for nothing (a third of such a re-run).
     */
    static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }
    }

    private final Path refreshed;
    private PriceTable loaded;

    /** @param refreshed where a refreshed copy is kept (it need not exist) */
    public PriceList(Path refreshed) {
        this.refreshed = refreshed;
    }

    /** Read again when a refresh replaced the file (a running daemon sees the refresh a command made). */
    @Override
    public synchronized PriceTable prices() {
        long stamp = stamp();
        if (loaded == null || stamp != loadedStamp) {
            loaded = load();
            loadedStamp = stamp;
        }
        return loaded;
    }

    private long loadedStamp;

    /** The refreshed file's modification time; -1 without one. */
    private long stamp() {
        try {
            return Files.isRegularFile(refreshed) ? Files.getLastModifiedTime(refreshed).toMillis() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static final java.util.regex.Pattern AS_OF = java.util.regex.Pattern.compile("\"asOf\"\\s*:\\s*\"([^\"]*)\"");

    /** The date at the head of the refreshed list (this class writes it first), else the shipped one's. */
    @Override
    public String asOf() {
        try {
            if (Files.isRegularFile(refreshed)) {
                try (InputStream in = Files.newInputStream(refreshed)) {
                    java.util.regex.Matcher m = AS_OF.matcher(new String(in.readNBytes(512),
                            java.nio.charset.StandardCharsets.UTF_8));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            try (InputStream in = PriceList.class.getResourceAsStream(SHIPPED)) {
                java.util.regex.Matcher m = AS_OF.matcher(new String(in.readNBytes(512),
                        java.nio.charset.StandardCharsets.UTF_8));
                return m.find() ? m.group(1) : "";
            }
        } catch (IOException e) {
            return ""; // read in full by prices(), which says what is wrong
        }
    }

    private PriceTable load() {
        if (Files.isRegularFile(refreshed)) {
            try {
                return table(Json.MAPPER.readTree(refreshed.toFile()));
            } catch (IOException | RuntimeException e) {
                System.getLogger(PriceList.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot read the refreshed price list {0} ({1}); using the one shipped", refreshed, e.getMessage());
            }
        }
        try (InputStream in = PriceList.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the jar");
            }
            return table(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list as this class writes it: {@code {"asOf": "2026-05-17", "origin": "...", "models": {LiteLLM entries}}}. */
    static PriceTable table(JsonNode root) {
        Map<String, PriceTable.ModelPrice> models = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("models").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            if (!m.path("input_cost_per_token").isNumber()) {
                continue;
            }
            double input = m.path("input_cost_per_token").asDouble();
            models.put(e.getKey(), new PriceTable.ModelPrice(input, price(m, "output_cost_per_token", 0),
                    price(m, "cache_creation_input_token_cost", input * 1.25),
                    price(m, "cache_creation_input_token_cost_above_1hr", input * 2),
                    price(m, "cache_read_input_token_cost", input * 0.1),
                    price(m, "input_cost_per_token_above_200k_tokens", Double.NaN),
                    price(m, "output_cost_per_token_above_200k_tokens", Double.NaN),
                    price(m, "cache_creation_input_token_cost_above_200k_tokens", Double.NaN),
                    price(m, "cache_read_input_token_cost_above_200k_tokens", Double.NaN)));
        }
        return new PriceTable(root.path("asOf").asText(""), root.path("origin").asText(""), models);
    }

    private static double price(JsonNode entry, String field, double otherwise) {
        JsonNode v = entry.path(field);
        return v.isNumber() ? v.asDouble() : otherwise;
    }

    /** LiteLLM's list cut to Claude models and their prices, in the form {@link #table} reads. */
    static ObjectNode claudeOnly(JsonNode litellm, String asOf, String origin) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("asOf", asOf);
        out.put("origin", origin);
        ObjectNode models = out.putObject("models");
        for (Iterator<Map.Entry<String, JsonNode>> it = litellm.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().contains("claude") && e.getValue().path("input_cost_per_token").isNumber()) {
                ObjectNode m = models.putObject(e.getKey());
                FIELDS.forEach(f -> {
                    if (e.getValue().path(f).isNumber()) {
                        m.set(f, e.getValue().get(f));
                    }
                });
            }
        }
        return out;
    }
}
