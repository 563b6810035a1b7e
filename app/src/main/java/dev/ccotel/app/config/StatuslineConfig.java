package dev.ccotel.app.config;

import static dev.ccotel.app.config.ConfigKeys.BUDGET_DAILY_USD;
import static dev.ccotel.app.config.ConfigKeys.BUDGET_MONTHLY_USD;
import static dev.ccotel.app.config.ConfigKeys.BUDGET_SESSION_USD;
import static dev.ccotel.app.config.ConfigKeys.STATUSLINE_COLOR;
import static dev.ccotel.app.config.ConfigKeys.STATUSLINE_FORMAT;

import dev.ccotel.ports.service.statusline.Budgets;
import dev.ccotel.ports.service.statusline.ColourChoice;
import dev.ccotel.ports.service.statusline.StatuslineFormat;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The statusline's look ({@code statusline.format}, {@code statusline.color}) and the budgets it, {@code status}
 * and {@code report} measure spend against ({@code budget.*}).
 */
public record StatuslineConfig(StatuslineFormat format, ColourChoice colour, Budgets budgets) {

    public static StatuslineConfig from(Settings s) {
        String format = s.string(STATUSLINE_FORMAT);
        StatuslineFormat parsed;
        try {
            parsed = StatuslineFormat.parse(format.isBlank() ? StatuslineFormat.DEFAULT : format);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(e.getMessage(), e);
        }
        String colour = s.string(STATUSLINE_COLOR).strip().toLowerCase(Locale.ROOT);
        ColourChoice chosen = switch (colour) {
            case "auto" -> ColourChoice.AUTO;
            case "always" -> ColourChoice.ALWAYS;
            case "never" -> ColourChoice.NEVER;
            default -> throw new ConfigError(STATUSLINE_COLOR + ": '" + colour + "' is not one of auto, always, never");
        };
        return new StatuslineConfig(parsed, chosen, budgets(s));
    }

    /** The budgets alone: {@code status} and {@code report} need no statusline format. */
    public static Budgets budgets(Settings s) {
        return new Budgets(dollars(s, BUDGET_DAILY_USD), dollars(s, BUDGET_MONTHLY_USD), dollars(s, BUDGET_SESSION_USD));
    }

    private static OptionalDouble dollars(Settings s, String key) {
        String value = s.string(key).strip();
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(value.startsWith("$") ? value.substring(1) : value);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return OptionalDouble.of(d);
        } catch (NumberFormatException e) {
            throw new ConfigError(key + ": '" + value + "' is not an amount of US dollars above 0, such as 25 or 7.50");
        }
    }
}
