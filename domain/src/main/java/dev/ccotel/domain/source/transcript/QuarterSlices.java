package dev.ccotel.domain.source.transcript;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.PriceTable;
import dev.ccotel.domain.model.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session's usage summed by quarter of an hour and model, in the order first met. */
final class QuarterSlices {
    private final Map<List<Object>, ImportedSession.Slice> byKey = new LinkedHashMap<>();

    void add(Instant quarter, String model, Usage.Tokens tokens, double costUsd, long prompts, long requests) {
        byKey.merge(List.of(quarter, model), new ImportedSession.Slice(quarter, model, tokens, costUsd, prompts,
                requests), (a, b) -> new ImportedSession.Slice(quarter, model, a.tokens().plus(b.tokens()),
                a.costUsd() + b.costUsd(), a.prompts() + b.prompts(), a.apiRequests() + b.apiRequests()));
    }

    List<ImportedSession.Slice> list() {
        return List.copyOf(byKey.values());
    }

    /**
     * Lays one model's {@code cost-state} totals over the quarters its messages fell in: tokens in
     * proportion to the messages' tokens of each type, cost in proportion to their estimated price (or
     * to their tokens where the model has no price); all of it in the last quarter when no message of
     * the model is left (a transcript cut short by hand).
     */
    void spread(String model, TranscriptReader.ModelTotals totals, List<TranscriptReader.Message> covered,
            PriceTable prices, Instant last) {
        Map<Instant, List<TranscriptReader.Message>> byQuarter = new LinkedHashMap<>();
        covered.stream().filter(m -> m.model().equals(model)).sorted((a, b) -> a.at().compareTo(b.at()))
                .forEach(m -> byQuarter.computeIfAbsent(Timestamps.quarter(m.at()), q -> new ArrayList<>()).add(m));
        if (byQuarter.isEmpty()) {
            byQuarter.put(Timestamps.quarter(last), List.of());
        }
        List<Instant> quarters = new ArrayList<>(byQuarter.keySet());
        int n = quarters.size();
        double[][] weights = new double[5][n];
        for (int i = 0; i < n; i++) {
            for (TranscriptReader.Message m : byQuarter.get(quarters.get(i))) {
                Usage.Tokens t = m.tokens();
                weights[0][i] += t.input();
                weights[1][i] += t.output();
                weights[2][i] += t.cacheCreation();
                weights[3][i] += t.cacheRead();
                double priced = prices.cost(model, t, m.cacheWrite1h());
                weights[4][i] += priced > 0 ? priced : t.total() * 1e-9;
            }
        }
        Usage.Tokens all = totals.tokens();
        long[] input = split(all.input(), weights[0]);
        long[] output = split(all.output(), weights[1]);
        long[] cacheCreation = split(all.cacheCreation(), weights[2]);
        long[] cacheRead = split(all.cacheRead(), weights[3]);
        double sum = sum(weights[4]);
        for (int i = 0; i < n; i++) {
            double share = sum > 0 ? weights[4][i] / sum : i == n - 1 ? 1 : 0;
            add(quarters.get(i), model, new Usage.Tokens(input[i], output[i], cacheCreation[i], cacheRead[i]),
                    totals.costUsd() * share, 0, byQuarter.get(quarters.get(i)).size());
        }
    }

    /** {@code total} in whole parts by weight, the rounding left over in the last part (all of it when no weight). */
    static long[] split(long total, double[] weights) {
        long[] parts = new long[weights.length];
        double sum = sum(weights);
        long given = 0;
        for (int i = 0; i < weights.length - 1 && sum > 0; i++) {
            parts[i] = (long) Math.floor(total * (weights[i] / sum));
            given += parts[i];
        }
        parts[weights.length - 1] = total - given;
        return parts;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
