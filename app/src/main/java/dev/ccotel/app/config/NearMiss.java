package dev.ccotel.app.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...": the closest known name to a misspelt one, when it is close enough to be a typo. */
public final class NearMiss {
    private NearMiss() {}

    /** The known name at the smallest edit distance, if that distance is at most 2 (or 1 for short names). */
    public static Optional<String> closest(String name, Collection<String> known) {
        int allowed = name.length() <= 5 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** " (did you mean X?)" or nothing. */
    public static String hint(String name, Collection<String> known) {
        return closest(name, known).map(k -> " (did you mean " + k + "?)").orElse("");
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit (a common typo). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
