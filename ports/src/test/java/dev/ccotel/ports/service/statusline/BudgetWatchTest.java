package dev.ccotel.ports.service.statusline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BudgetWatchTest {
    @Test
    void eachThresholdIsSaidOncePerPeriod() {
        List<String> said = new ArrayList<>();
        BudgetWatch watch = new BudgetWatch(new Budgets(OptionalDouble.of(10), OptionalDouble.of(100),
                OptionalDouble.of(2)), (title, text) -> said.add(text));
        LocalDate day = LocalDate.parse("2026-12-07");
        watch.look(new Spend(day, 5, 50, 100));
        assertEquals(List.of(), said);
        watch.look(new Spend(day, 8.5, 50, 100));
        watch.look(new Spend(day, 9, 50, 100));
        assertEquals(1, said.size(), String.valueOf(said));
        assertTrue(said.get(0).startsWith("daily budget at 80 %: $8.50 of $10.00"), said.get(0));
        watch.look(new Spend(day, 10.5, 50, 100));
        watch.look(new Spend(day.plusDays(1), 9, 50, 100));
        watch.lookAtSession("s-1", 2.5);
        watch.lookAtSession("s-1", 3);
        assertEquals(List.of("daily budget at 80 %: $8.50 of $10.00 spent (2026-12-07)",
                "daily budget reached: $10.50 of $10.00 spent (2026-12-07)",
                "daily budget at 80 %: $9.00 of $10.00 spent (2026-12-08)",
                "session budget reached: $2.50 of $2.00 spent (session s-1)"), said);
    }
}
