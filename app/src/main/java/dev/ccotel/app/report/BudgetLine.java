package dev.ccotel.app.report;

import dev.ccotel.ports.service.statusline.Budgets;
import dev.ccotel.ports.service.statusline.Spend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** One line on spend against the budgets, for {@code report} and {@code status}. */
public final class BudgetLine {
    private BudgetLine() {
    }

    /** E.g. {@code Budget: today $1.20 of $10.00 (12 %); this month $40.00 of $100.00 (40 %), at this pace $193.55.} */
    public static String of(Budgets budgets, Spend spend) {
        List<String> parts = new ArrayList<>();
        budgets.dailyUsd().ifPresent(b -> parts.add("today " + against(spend.todayUsd(), b)));
        budgets.monthlyUsd().ifPresent(b -> parts.add("this month " + against(spend.monthUsd(), b)
                + String.format(Locale.ROOT, ", at this pace $%.2f by the month's end%s", spend.forecastMonthUsd(),
                        spend.forecastMonthUsd() > b ? " (over)" : "")));
        budgets.sessionUsd().ifPresent(b -> parts.add(String.format(Locale.ROOT, "$%.2f a session (the statusline"
                + " shows each session's)", b)));
        return "Budget: " + String.join("; ", parts) + ".";
    }

    private static String against(double spent, double budget) {
        Budgets.Level level = Budgets.Level.of(spent, OptionalDouble.of(budget));
        return String.format(Locale.ROOT, "$%.2f of $%.2f (%.0f %%%s)", spent, budget, 100 * spent / budget,
                level == Budgets.Level.OVER ? ", over" : level == Budgets.Level.NEAR ? ", near" : "");
    }
}
