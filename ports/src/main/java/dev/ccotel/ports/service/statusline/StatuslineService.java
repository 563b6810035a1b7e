package dev.ccotel.ports.service.statusline;

import dev.ccotel.domain.context.SessionContext;
import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.ports.in.StatuslineLook;
import dev.ccotel.ports.in.StatuslineUseCase;
import dev.ccotel.ports.out.KeepSessionContextPort;
import dev.ccotel.ports.out.ReadGitPort;
import dev.ccotel.ports.service.statusline.StatuslineFormat.Part;
import dev.ccotel.ports.service.statusline.StatuslineFormat.Piece;
import dev.ccotel.ports.service.statusline.StatuslineFormat.Tone;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Keeps what the statusline and the start hook say of a session, and answers the statusline: this
 * session's cost from telemetry (Claude Code's own figure, marked {@code ~}, until telemetry arrived),
 * today's, the month's against its budget, the limit windows' use, the model.
 */
public final class StatuslineService implements StatuslineUseCase {
    private static final System.Logger LOG = System.getLogger(StatuslineService.class.getName());
    /** The day's and month's spend are read at most this often: a statusline refreshes after every message. */
    static final Duration SPEND_FRESH_FOR = Duration.ofSeconds(2);
    /** A context that says nothing new is written again only to move its last-seen time, at most this often. */
    static final Duration RESEEN_EVERY = Duration.ofMinutes(1);
    private static final int SESSIONS_REMEMBERED = 256;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final KeepSessionContextPort contexts;
    private final ReadGitPort git;
    private final Optional<ReportUsageUseCase> usage;
    private final Budgets budgets;
    private final BudgetWatch watch;
    private final StatuslineFormat format;
    private final ColourChoice colour;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, SessionContext> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionContext> eldest) {
            return size() > SESSIONS_REMEMBERED;
        }
    };
    private Spend spend;
    private Instant spendReadAt = Instant.MIN;

    /**
     * @param usage the report use case over the local store; empty for a daemon that keeps nothing
     * @param zone the zone whose days and months the spend is counted in
     */
    public StatuslineService(KeepSessionContextPort contexts, ReadGitPort git, Optional<ReportUsageUseCase> usage,
            Budgets budgets, BudgetWatch watch, StatuslineFormat format, ColourChoice colour, Clock clock, ZoneId zone) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.git = Objects.requireNonNull(git, "git");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.watch = Objects.requireNonNull(watch, "watch");
        this.format = Objects.requireNonNull(format, "format");
        this.colour = Objects.requireNonNull(colour, "colour");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public void started(SessionContext context) {
        keep(context.withGit(gitOf(context)));
    }

    @Override
    public String line(SessionContext context, StatuslineLook look) {
        SessionContext full = context.withGit(gitOf(context));
        keep(full);
        Map<Part, List<Piece>> values = new EnumMap<>(Part.class);
        values.put(Part.SESSION, session(full));
        Optional<Spend> spend = spend();
        spend.ifPresent(s -> {
            values.put(Part.TODAY, money("today ", s.todayUsd(), budgets.dailyUsd()));
            budgets.monthlyUsd().ifPresent(b -> {
                List<Piece> month = new ArrayList<>(money("month ", s.monthUsd(), budgets.monthlyUsd()));
                month.add(new Piece(String.format(Locale.ROOT, " → $%.0f", s.forecastMonthUsd()),
                        tone(Budgets.Level.of(s.forecastMonthUsd(), budgets.monthlyUsd()))));
                values.put(Part.MONTH, month);
            });
        });
        values.put(Part.LIMITS, limits(full));
        full.model().ifPresent(m -> values.put(Part.MODEL, List.of(new Piece(m, Tone.DIM))));
        full.branch().ifPresent(b -> values.put(Part.BRANCH, List.of(new Piece(b, Tone.PLAIN))));
        full.folder().map(StatuslineService::lastName).filter(p -> !p.isEmpty())
                .ifPresent(p -> values.put(Part.PROJECT, List.of(new Piece(p, Tone.PLAIN))));
        return format.render(values, new StatuslineLook(look.columns(), colour.wanted(look.colour())));
    }

    /** The folder's own name: {@code /work/ccotel/} is {@code ccotel} (no file system asked). */
    static String lastName(String folder) {
        String f = folder.replaceAll("[/\\\\]+$", "");
        return f.substring(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
    }

    private SessionContext.GitPlace gitOf(SessionContext context) {
        return context.cwd().or(context::projectDir).map(git::at).orElse(SessionContext.GitPlace.NONE);
    }

    /** Writes a context that says something new, or one not written for a minute; a failure is logged, not shown. */
    private void keep(SessionContext context) {
        SessionContext last;
        synchronized (kept) {
            last = kept.get(context.sessionId());
        }
        if (last != null && last.at(Instant.EPOCH).equals(context.at(Instant.EPOCH))
                && Duration.between(last.seenAt(), context.seenAt()).compareTo(RESEEN_EVERY) < 0) {
            return;
        }
        try {
            contexts.keep(context);
            synchronized (kept) {
                kept.put(context.sessionId(), context);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep the context of session {0}: {1}", context.sessionId(),
                    e.getMessage());
        }
    }

    private List<Piece> session(SessionContext context) {
        OptionalDouble telemetry = contexts.telemetryCostUsd(context.sessionId());
        boolean clientAhead = context.client().filter(c -> c.costUsd() > 0).isPresent();
        if (telemetry.isPresent() && (telemetry.getAsDouble() > 0 || !clientAhead)) {
            watch.lookAtSession(context.sessionId(), telemetry.getAsDouble());
            return money("", telemetry.getAsDouble(), budgets.sessionUsd());
        }
        // Claude Code's own figure, until the session's cost arrives as telemetry: marked, and dim.
        return context.client().map(c -> List.of(new Piece("~" + dollars(c.costUsd()), Tone.DIM)))
                .orElse(List.of());
    }

    private Optional<Spend> spend() {
        if (usage.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (spend == null || Duration.between(spendReadAt, now).compareTo(SPEND_FRESH_FOR) >= 0
                    || !spend.day().equals(now.atZone(zone).toLocalDate())) {
                try {
                    spend = Spend.of(usage.get(), clock, zone);
                    spendReadAt = now;
                    watch.look(spend);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not read today's spend for the statusline: {0}", e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.of(spend);
        }
    }

    private List<Piece> limits(SessionContext context) {
        List<Piece> pieces = new ArrayList<>();
        Instant now = clock.instant();
        for (SessionContext.RateLimit limit : context.rateLimits()) {
            if (!limit.resetsAt().isAfter(now)) {
                continue; // the window has started anew since Claude Code last heard
            }
            if (!pieces.isEmpty()) {
                pieces.add(new Piece(" ", Tone.PLAIN));
            }
            double used = limit.usedPercent();
            pieces.add(new Piece(String.format(Locale.ROOT, "%s %.0f%%", limit.window().label(), used),
                    used >= 95 ? Tone.BAD : used >= 80 ? Tone.WARN : Tone.PLAIN));
            pieces.add(new Piece(" ↺" + when(limit.resetsAt(), now), Tone.DIM));
        }
        return pieces;
    }

    /** A reset time: the clock time within a day, else the weekday and time. */
    private String when(Instant at, Instant now) {
        ZonedDateTime local = at.atZone(zone);
        String time = CLOCK.format(local);
        return Duration.between(now, at).toHours() < 20 ? time
                : local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + time;
    }

    private static List<Piece> money(String label, double spent, OptionalDouble budget) {
        Tone tone = tone(Budgets.Level.of(spent, budget));
        String text = label + dollars(spent) + (budget.isPresent() ? "/" + dollars(budget.getAsDouble()) : "");
        return List.of(new Piece(text, budget.isPresent() ? tone : Tone.PLAIN));
    }

    private static Tone tone(Budgets.Level level) {
        return switch (level) {
            case UNDER -> Tone.GOOD;
            case NEAR -> Tone.WARN;
            case OVER -> Tone.BAD;
        };
    }

    /** Dollars to the cent, or to a tenth of a cent under ten cents, where cents say too little. */
    static String dollars(double usd) {
        return usd > 0 && usd < 0.1 ? String.format(Locale.ROOT, "$%.3f", usd)
                : usd >= 100 ? String.format(Locale.ROOT, "$%.0f", usd) : String.format(Locale.ROOT, "$%.2f", usd);
    }
}
