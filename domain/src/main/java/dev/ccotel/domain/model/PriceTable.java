package dev.ccotel.domain.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prices of Claude models per token, from a dated snapshot of a maintained public list, for
 * estimating sessions that carry no cost of their own.
 *
 * @param asOf the day the list was taken, shown with every estimate
 * @param origin where the list came from, in words
 */
public record PriceTable(String asOf, String origin, Map<String, ModelPrice> models) {
    /** A request whose input (with cache reads and writes) is above this is priced at the long-context rates. */
    public static final long LONG_CONTEXT = 200_000;
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final Pattern PROVIDER_PREFIX = Pattern.compile("^(anthropic[./]|[a-z]+/)");

    public static final PriceTable NONE = new PriceTable("", "no price list", Map.of());

    public PriceTable {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(origin, "origin");
        models = Map.copyOf(models);
    }

    /**
     * The model's prices: by its exact name, then without a date suffix ({@code -20250929}) or a
     * provider prefix ({@code anthropic/}); empty for a model the list does not know.
     */
    public Optional<ModelPrice> price(String model) {
        ModelPrice exact = models.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String bare = DATE_SUFFIX.matcher(PROVIDER_PREFIX.matcher(model).replaceFirst("")).replaceFirst("");
        return Optional.ofNullable(models.get(bare));
    }

    /**
     * What one request cost.
     *
     * @param cacheWrite1h of the cache-creation tokens, those written for an hour (the rest for five minutes)
     */
    public double cost(String model, Usage.Tokens tokens, long cacheWrite1h) {
        return price(model).map(p -> p.cost(tokens, cacheWrite1h)).orElse(0.0);
    }

    /**
     * One model's prices in USD per token. {@code above*} are the long-context rates (NaN where the list has none:
     * the base rate then applies).
     */
    public record ModelPrice(double input, double output, double cacheWrite5m, double cacheWrite1h, double cacheRead,
            double aboveInput, double aboveOutput, double aboveCacheWrite, double aboveCacheRead) {
        double cost(Usage.Tokens t, long cacheWrite1hTokens) {
            boolean longContext = t.input() + t.cacheCreation() + t.cacheRead() > LONG_CONTEXT;
            long oneHour = Math.min(cacheWrite1hTokens, t.cacheCreation());
            double writeRate5m = pick(longContext, aboveCacheWrite, cacheWrite5m);
            // a long-context hour-long write: the same ratio to the five-minute one as at the base rate
            double writeRate1h = longContext && !Double.isNaN(aboveCacheWrite) && cacheWrite5m > 0
                    ? cacheWrite1h * aboveCacheWrite / cacheWrite5m : cacheWrite1h;
            return t.input() * pick(longContext, aboveInput, input) + t.output() * pick(longContext, aboveOutput, output)
                    + (t.cacheCreation() - oneHour) * writeRate5m + oneHour * writeRate1h
                    + t.cacheRead() * pick(longContext, aboveCacheRead, cacheRead);
        }

        private static double pick(boolean longContext, double above, double base) {
            return longContext && !Double.isNaN(above) ? above : base;
        }
    }
}
