package dev.ccotel.ports.service.report;

import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.domain.model.CostSource;
import dev.ccotel.domain.model.Usage;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.out.CalendarUsage;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.out.SessionUsage;
import dev.ccotel.ports.out.UsageSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Groups the store's slices into report rows (see {@link ReportUsageUseCase} for what counts), or, for days,
 * weeks, months and sessions, takes the rows the store summed itself by the same rules where it can.
 */
public final class ReportUsageService implements ReportUsageUseCase {
    private final ReadUsagePort store;
    private final Clock clock;

    public ReportUsageService(ReadUsagePort store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UsageReport report(UsageQuery query) {
        Instant from = query.since().map(d -> d.atStartOfDay(query.zone()).toInstant()).orElse(Instant.EPOCH);
        Instant to = query.until().map(d -> d.plusDays(1).atStartOfDay(query.zone()).toInstant())
                .orElse(aQuarterHourFrom(clock.instant().plusSeconds(86_400)));
        if (query.grouping().byTime()) {
            Optional<CalendarUsage> summed = store.calendar(from, to, query.project(), query.zone(),
                    switch (query.grouping()) {
                        case WEEKLY -> CalendarUsage.Period.WEEK;
                        case MONTHLY -> CalendarUsage.Period.MONTH;
                        default -> CalendarUsage.Period.DAY;
                    });
            if (summed.isPresent()) {
                return byPeriod(query, summed.get());
            }
        }
        if (query.grouping() == UsageQuery.Grouping.SESSIONS && !query.breakdown()) {
            Optional<List<SessionUsage>> summed = store.sessionUsage(from, to, query.project());
            if (summed.isPresent()) {
                return bySession(query, summed.get(), store.firstPrompts(from, to));
            }
        }
        List<UsageSlice> slices = oneSourceEach(store.slices(from, to, query.project()));
        Set<String> fromMetrics = withMetrics(slices);
        Set<String> ofWork = new HashSet<>();
        for (UsageSlice s : slices) {
            if (s.activity().prompts() > 0 || s.activity().apiRequests() > 0) {
                ofWork.add(s.sessionId());
            }
        }
        Function<UsageSlice, String> key = keyOf(query);
        Map<String, Group> groups = new TreeMap<>();
        Group all = new Group();
        boolean byModel = query.grouping() == UsageQuery.Grouping.MODELS;
        for (UsageSlice s : slices) {
            UsageSlice.Priced priced = fromMetrics.contains(s.sessionId()) ? s.fromMetrics() : s.fromEvents();
            Usage usage = new Usage(0, priced.tokens(), priced.costUsd(), s.activity(), s.code(), s.activeSeconds());
            boolean work = ofWork.contains(s.sessionId());
            all.add(s, usage, priced, work);
            if (byModel && priced.isEmpty()) {
                // prompts, tools, lines and active time belong to a session, not to a model: in the
                // totals only, not in a "(no model)" row that would count every session a second time
                continue;
            }
            groups.computeIfAbsent(key.apply(s), k -> new Group()).add(s, usage, priced, work);
        }
        Map<String, String> prompts = query.grouping() == UsageQuery.Grouping.SESSIONS ? store.firstPrompts(from, to)
                : Map.of();
        List<UsageReport.Row> rows = new ArrayList<>();
        groups.forEach((k, g) -> rows.add(g.row(k, query, Optional.ofNullable(prompts.get(k)))));
        rows.sort(order(query, groups));
        return new UsageReport(query, rows, all.usage.withSessions(all.sessions.size()), all.costSources());
    }

    /** The quarter hour at or after {@code t}: a window's end a store's sums of quarters can stop at. */
    private static Instant aQuarterHourFrom(Instant t) {
        long quarter = Duration.ofMinutes(15).toMillis();
        return Instant.ofEpochMilli(Math.ceilDiv(t.toEpochMilli(), quarter) * quarter);
    }

    /** The report of days, weeks or months from what the store summed per period (the same rows as from slices). */
    private static UsageReport byPeriod(UsageQuery query, CalendarUsage summed) {
        Function<LocalDate, String> key = query.grouping() == UsageQuery.Grouping.MONTHLY
                ? d -> YearMonth.from(d).toString()
                : LocalDate::toString;
        Map<String, Usage> usage = new TreeMap<>();
        Map<String, Map<String, UsageSlice.Priced>> models = new HashMap<>();
        Usage all = Usage.ZERO;
        for (CalendarUsage.Cell cell : summed.cells()) {
            Usage u = new Usage(0, cell.priced().tokens(), cell.priced().costUsd(), cell.activity(), cell.code(),
                    cell.activeSeconds());
            String k = key.apply(cell.period());
            usage.merge(k, u, Usage::plus);
            all = all.plus(u);
            if (!cell.priced().isEmpty()) {
                models.computeIfAbsent(k, x -> new LinkedHashMap<>()).merge(
                        modelName(cell.model()), cell.priced(), ReportUsageService::plus);
            }
        }
        Map<String, Map<CostSource, Long>> sources = new HashMap<>();
        Map<CostSource, Long> allSources = new EnumMap<>(CostSource.class);
        for (CalendarUsage.Sessions s : summed.sessions()) {
            Map<CostSource, Long> into = s.period().map(d -> sources.computeIfAbsent(key.apply(d),
                    x -> new EnumMap<>(CostSource.class))).orElse(allSources);
            into.merge(s.source(), s.count(), Long::sum);
        }
        List<UsageReport.Row> rows = new ArrayList<>();
        usage.forEach((k, u) -> {
            Map<CostSource, Long> counts = sources.getOrDefault(k, Map.of());
            rows.add(new UsageReport.Row(k, "", u.withSessions(sessions(counts)),
                    query.breakdown() ? shares(models.getOrDefault(k, Map.of())) : List.of(), counts, Optional.empty()));
        });
        return new UsageReport(query, rows, all.withSessions(sessions(allSources)), allSources);
    }

    /** The sessions report from what the store summed per session (the same rows as from slices). */
    private static UsageReport bySession(UsageQuery query, List<SessionUsage> summed, Map<String, String> prompts) {
        List<UsageReport.Row> rows = new ArrayList<>(summed.size());
        Usage all = Usage.ZERO;
        Map<CostSource, Long> allSources = new EnumMap<>(CostSource.class);
        for (SessionUsage s : summed) {
            Usage u = new Usage(s.work() ? 1 : 0, s.priced().tokens(), s.priced().costUsd(), s.activity(), s.code(),
                    s.activeSeconds());
            all = all.plus(u);
            if (s.work()) {
                allSources.merge(s.source(), 1L, Long::sum);
            }
            List<String> models = s.models().stream().map(ReportUsageService::modelName).sorted().toList();
            Instant end = s.last().isBefore(s.start()) ? s.start() : s.last();
            rows.add(new UsageReport.Row(s.sessionId(), Group.sessionDetail(query.zone(), s.start(), s.last(), models,
                    s.project(), Optional.ofNullable(prompts.get(s.sessionId()))), u, List.of(),
                    s.work() ? Map.of(s.source(), 1L) : Map.of(),
                    Optional.of(new UsageReport.SessionFacts(s.start(), end, s.project(), s.repo(), s.branch(), models))));
        }
        rows.sort(Comparator.comparing((UsageReport.Row r) -> r.session().orElseThrow().start())
                .thenComparing(UsageReport.Row::key));
        return new UsageReport(query, rows, all.withSessions(sessions(allSources)), allSources);
    }

    private static long sessions(Map<CostSource, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static UsageSlice.Priced plus(UsageSlice.Priced a, UsageSlice.Priced b) {
        return new UsageSlice.Priced(a.tokens().plus(b.tokens()), a.costUsd() + b.costUsd());
    }

    /** Each model's part of a row, the most expensive first. */
    private static List<UsageReport.ModelShare> shares(Map<String, UsageSlice.Priced> models) {
        return models.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, UsageSlice.Priced> e) -> -e.getValue().costUsd())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new UsageReport.ModelShare(e.getKey(), e.getValue().tokens(), e.getValue().costUsd()))
                .toList();
    }

    /** A transcript's figures must be higher than telemetry's by more than rounding to replace them. */
    private static final double MORE = 1e-6;

    /**
     * Each session's slices from one source (see {@link ReportUsageUseCase}): imported slices of a
     * session telemetry holds are dropped, unless the transcript's whole-session cost is higher, in
     * which case telemetry's slices of that session are the ones dropped.
     */
    private List<UsageSlice> oneSourceEach(List<UsageSlice> slices) {
        Set<String> imported = new HashSet<>();
        for (UsageSlice s : slices) {
            if (s.imported()) {
                imported.add(s.sessionId());
            }
        }
        if (imported.isEmpty()) {
            return slices;
        }
        Map<String, ReadUsagePort.BothSources> both = store.inBothSources(imported);
        Set<String> transcriptCounts = new HashSet<>();
        for (String id : imported) {
            ReadUsagePort.BothSources b = both.get(id);
            if (b == null || b.importedUsd() - b.telemetryUsd() > MORE) {
                transcriptCounts.add(id);
            }
        }
        return slices.stream().filter(s -> s.imported() == transcriptCounts.contains(s.sessionId())).toList();
    }

    /**
     * What was spent in [{@code from}, {@code to}), to the quarter hour, counted as every report counts:
     * one source per session, and of telemetry a session's cost metrics where it has them, its api_request
     * events otherwise.
     */
    public double costBetween(Instant from, Instant to) {
        List<UsageSlice> slices = oneSourceEach(store.slices(from, to, Optional.empty()));
        Set<String> fromMetrics = withMetrics(slices);
        double usd = 0;
        for (UsageSlice s : slices) {
            usd += fromMetrics.contains(s.sessionId()) ? s.fromMetrics().costUsd() : s.fromEvents().costUsd();
        }
        return usd;
    }

    /** The sessions whose cost and tokens come from metrics; the others' come from their api_request events. */
    private static Set<String> withMetrics(List<UsageSlice> slices) {
        Set<String> sessions = new HashSet<>();
        for (UsageSlice s : slices) {
            if (!s.fromMetrics().isEmpty()) {
                sessions.add(s.sessionId());
            }
        }
        return sessions;
    }

    private static Function<UsageSlice, String> keyOf(UsageQuery query) {
        return switch (query.grouping()) {
            case DAILY -> s -> LocalDate.ofInstant(s.quarter(), query.zone()).toString();
            case WEEKLY -> s -> LocalDate.ofInstant(s.quarter(), query.zone())
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            case MONTHLY -> s -> YearMonth.from(LocalDate.ofInstant(s.quarter(), query.zone())).toString();
            case SESSIONS -> UsageSlice::sessionId;
            case MODELS -> s -> modelName(s.model());
            case PROJECTS -> UsageSlice::project;
            case REPOS -> s -> s.repo().isEmpty() ? NO_REPO : s.repo();
            case BRANCHES -> s -> s.branch().isEmpty() ? NO_BRANCH
                    : s.repo().isEmpty() ? s.branch() : s.repo() + " " + s.branch();
        };
    }

    /** Days in order, sessions by start, models and projects by cost (most first). */
    private static Comparator<UsageReport.Row> order(UsageQuery query, Map<String, Group> groups) {
        return switch (query.grouping()) {
            case DAILY, WEEKLY, MONTHLY -> Comparator.comparing(UsageReport.Row::key);
            case SESSIONS -> Comparator.comparing((UsageReport.Row r) -> groups.get(r.key()).start)
                    .thenComparing(UsageReport.Row::key);
            case MODELS, PROJECTS, REPOS, BRANCHES -> Comparator.comparingDouble((UsageReport.Row r) -> -r.usage().costUsd())
                    .thenComparing(UsageReport.Row::key);
        };
    }

    /** A model as a report names it: what has none (prompts, lines of code) is "(no model)". */
    private static String modelName(String model) {
        return model.isEmpty() ? "(no model)" : model;
    }

    /** The row of sessions no statusline told a repository or branch of (or that ran outside git). */
    static final String NO_REPO = "(no repository known)";
    static final String NO_BRANCH = "(no branch known)";

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int PROMPT_WORDS = 8;
    private static final Pattern WORDS = Pattern.compile("\\s+");

    /** One row in the making. */
    private static final class Group {
        Usage usage = Usage.ZERO;
        final Set<String> sessions = new HashSet<>();
        /** By name, "(no model)" first: the order a session's models are listed in. */
        final Map<String, UsageSlice.Priced> models = new TreeMap<>();
        final Map<String, CostSource> sources = new HashMap<>();
        Instant start = Instant.MAX;
        Instant end = Instant.MIN;
        String project = "";
        String repo = "";
        String branch = "";

        void add(UsageSlice s, Usage u, UsageSlice.Priced priced, boolean ofWork) {
            usage = usage.plus(u);
            if (ofWork) {
                sessions.add(s.sessionId());
                sources.put(s.sessionId(), s.costSource());
            }
            if (!priced.isEmpty()) {
                models.merge(modelName(s.model()), priced, ReportUsageService::plus);
            }
            if (s.sessionStart().isBefore(start)) {
                start = s.sessionStart();
            }
            if (s.lastAt().isAfter(end)) {
                end = s.lastAt();
            }
            project = s.project();
            repo = s.repo();
            branch = s.branch();
        }

        /** @param firstPrompt the session's first prompt, for a row of the sessions report, where it was kept */
        UsageReport.Row row(String key, UsageQuery query, Optional<String> firstPrompt) {
            List<UsageReport.ModelShare> shares = query.breakdown() ? shares(models) : List.of();
            String detail = query.grouping() == UsageQuery.Grouping.SESSIONS
                    ? sessionDetail(query.zone(), start, end, models.keySet(), project, firstPrompt)
                    : "";
            Optional<UsageReport.SessionFacts> facts = query.grouping() == UsageQuery.Grouping.SESSIONS
                    ? Optional.of(new UsageReport.SessionFacts(start, end.isBefore(start) ? start : end, project, repo,
                            branch, List.copyOf(models.keySet())))
                    : Optional.empty();
            return new UsageReport.Row(key, detail, usage.withSessions(sessions.size()), shares, costSources(), facts);
        }

        Map<CostSource, Long> costSources() {
            Map<CostSource, Long> counts = new EnumMap<>(CostSource.class);
            sources.values().forEach(source -> counts.merge(source, 1L, Long::sum));
            return counts;
        }

        /**
         * Start (in the report's zone), how long, the models, the project, and the first prompt's first words where
         * kept.
         */
        static String sessionDetail(ZoneId zone, Instant start, Instant end, Collection<String> models, String project,
                Optional<String> firstPrompt) {
            StringBuilder d = new StringBuilder(STARTED.format(start.atZone(zone)));
            if (!end.isBefore(start)) {
                d.append(", ").append(length(Duration.between(start, end)));
            }
            if (!models.isEmpty()) {
                d.append(", ").append(String.join("+", models));
            }
            d.append(", ").append(project);
            firstPrompt.map(String::strip).filter(p -> !p.isEmpty()).ifPresent(p -> {
                String[] words = WORDS.split(p, PROMPT_WORDS + 1); // the rest in the last: only whether there is more
                d.append(", \"").append(String.join(" ", Arrays.copyOf(words, Math.min(words.length, PROMPT_WORDS))))
                        .append(words.length > PROMPT_WORDS ? " …\"" : "\"");
            });
            return d.toString();
        }

        private static String length(Duration d) {
            long s = d.toSeconds();
            return s < 1 ? "under 1 s" : s < 60 ? s + " s" : s < 3_600 ? s / 60 + " min" : s / 3_600 + " h " + s / 60 % 60 + " min";
        }
    }
}
