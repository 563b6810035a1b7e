package dev.ccotel.ports.service.statusline;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the user means to spend, in US dollars: {@code budget.daily-usd}, {@code budget.monthly-usd},
 * {@code budget.session-usd}; each may be unset.
 */
public record Budgets(OptionalDouble dailyUsd, OptionalDouble monthlyUsd, OptionalDouble sessionUsd) {
    public static final Budgets NONE = new Budgets(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

    public Budgets {
        Objects.requireNonNull(dailyUsd, "dailyUsd");
        Objects.requireNonNull(monthlyUsd, "monthlyUsd");
        Objects.requireNonNull(sessionUsd, "sessionUsd");
    }

    public boolean any() {
        return dailyUsd.isPresent() || monthlyUsd.isPresent() || sessionUsd.isPresent();
    }

    /** How far spend has come against a budget: under 80 %, from 80 %, from 100 %. */
    public enum Level {
        UNDER, NEAR, OVER;

        /** The level of {@code spent} against {@code budget}; {@link #UNDER} when there is no budget. */
        public static Level of(double spent, OptionalDouble budget) {
            if (budget.isEmpty() || budget.getAsDouble() <= 0) {
                return UNDER;
            }
            double share = spent / budget.getAsDouble();
            return share >= 1 ? OVER : share >= 0.8 ? NEAR : UNDER;
        }
    }
}
