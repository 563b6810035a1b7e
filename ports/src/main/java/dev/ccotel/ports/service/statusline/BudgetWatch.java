package dev.ccotel.ports.service.statusline;

import dev.ccotel.ports.out.NotifyPort;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Says once, in the log and on the desktop, that spend has reached 80 % or 100 % of a budget: once per
 * budget, period (the day, the month, the session) and threshold, for as long as the daemon runs.
 */
public final class BudgetWatch {
    private static final System.Logger LOG = System.getLogger(BudgetWatch.class.getName());
    /** Announcements remembered at most; a long-running daemon forgets the oldest periods' first. */
    private static final int REMEMBERED = 4_096;

    private final Budgets budgets;
    private final NotifyPort notify;
    private final Set<String> said = new HashSet<>();

    public BudgetWatch(Budgets budgets, NotifyPort notify) {
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.notify = Objects.requireNonNull(notify, "notify");
    }

    /** Looks at the day's and the month's spend. */
    public void look(Spend spend) {
        check("daily", spend.day().toString(), spend.todayUsd(), budgets.dailyUsd());
        check("monthly", spend.day().toString().substring(0, 7), spend.monthUsd(), budgets.monthlyUsd());
    }

    /** Looks at one session's spend. */
    public void lookAtSession(String sessionId, double spentUsd) {
        check("session", sessionId, spentUsd, budgets.sessionUsd());
    }

    private void check(String budget, String period, double spent, OptionalDouble limit) {
        Budgets.Level level = Budgets.Level.of(spent, limit);
        if (level == Budgets.Level.UNDER) {
            return;
        }
        synchronized (said) {
            if (said.size() >= REMEMBERED) {
                said.clear();
            }
            if (!said.add(budget + " " + period + " " + level)) {
                return;
            }
        }
        String text = String.format(Locale.ROOT, "%s budget %s: $%.2f of $%.2f spent (%s)", budget,
                level == Budgets.Level.OVER ? "reached" : "at 80 %", spent, limit.getAsDouble(),
                budget.equals("session") ? "session " + period : period);
        LOG.log(Level.WARNING, text);
        try {
            notify.notify("ccotel: " + budget + " budget", text);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "desktop notification failed: " + e.getMessage());
        }
    }
}
