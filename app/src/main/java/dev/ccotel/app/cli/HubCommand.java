package dev.ccotel.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccotel.adapter.httpin.report.ReportJson;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.compose.HubComposition;
import dev.ccotel.app.report.ReportTables;
import dev.ccotel.app.runtime.Logging;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.ports.in.AddMemberUseCase;
import dev.ccotel.ports.in.UsageQuery;
import dev.ccotel.ports.in.UsageReport;
import dev.ccotel.ports.model.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ccotel hub}: a team's server (README, "Team hub"). Without a subcommand it runs the hub;
 * {@code member} manages who may send, {@code report} reads the team's record. Every subcommand
 * takes {@code --config FILE} and reads {@code hub.*}.
 */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = "Run a team hub: daemons forward to it by backend.url, Claude Code may send OTLP/HTTP to it with"
                + " a member's token. It keeps its record in PostgreSQL (hub.database.url) or, without one, in a SQLite"
                + " file (hub.database.path). Subcommands: member, report.",
        subcommands = {HubCommand.MemberCommand.class, HubCommand.HubReportCommand.class})
final class HubCommand implements Callable<Integer> {
    @ParentCommand
    CcotelCommand parent;

    @Override
    public Integer call() throws InterruptedException {
        parent.requireVerbosity();
        Logging.configure(parent.verbose, parent.quiet, parent.err);
        HubConfig config = HubConfig.from(parent.settings(Map.of()), parent.environment);
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        try (HubComposition.Running hub = HubComposition.start(config, parent.clock)) {
            if (!parent.quiet) {
                parent.err.printf("ccotel %s hub listening on %s://%s:%d (backend contract %s and OTLP/HTTP /v1/*)%s%n",
                        Version.VALUE, config.listener().tls().isPresent() ? "https" : "http", config.listener().host(),
                        hub.port(), "/api/v1/cc/otel", hub.grpcPort().map(p -> " and :" + p + " (OTLP/gRPC)").orElse(""));
                parent.err.println("ccotel: the hub keeps its record in " + config.database().describe());
                if (hub.members() == 0) {
                    parent.err.println("ccotel: no members yet, so every request is refused (401): 'ccotel hub member"
                            + " add NAME' adds one and prints their token; the hub need not be restarted");
                }
            }
            stop.await();
            if (!parent.quiet) {
                parent.err.println("ccotel: stopping the hub; finishing requests in flight");
            }
        }
        return Cli.OK;
    }

    /** {@code ccotel hub member add|list|remove}. */
    @Command(name = "member", mixinStandardHelpOptions = true,
            description = "Manage who may send to the hub: add NAME (prints the token once), list, remove NAME (revokes"
                    + " the token at once; what they sent stays theirs).")
    static final class MemberCommand implements Callable<Integer> {
        @ParentCommand
        HubCommand hub;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "add|list|remove", description = "What to do")
        String action;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The member's name (add, remove)")
        String name;

        @Override
        public Integer call() {
            CcotelCommand top = hub.parent;
            String verb = action.toLowerCase(Locale.ROOT);
            if (!verb.equals("add") && !verb.equals("list") && !verb.equals("remove")) {
                throw new ParameterException(spec.commandLine(), "unknown action '" + action + "': add, list or remove");
            }
            if (!verb.equals("list")) {
                if (name == null) {
                    throw new ParameterException(spec.commandLine(), "hub member " + verb + " needs a NAME");
                }
                try {
                    Member.requireValidName(name);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            try (HubComposition.Members members = HubComposition.members(HubConfig.database(top.settings(Map.of()),
                    top.environment), top.clock)) {
                switch (verb) {
                    case "add" -> {
                        Optional<AddMemberUseCase.Added> added = members.add().add(name);
                        if (added.isEmpty()) {
                            top.err.println("ccotel: a member named " + name + " exists already; 'ccotel hub member"
                                    + " remove " + name + "' first to give them a new token");
                            return Cli.USAGE;
                        }
                        top.err.println("Added " + name + ". Their token, shown this once (the hub keeps only its hash):");
                        top.out.println(added.get().token());
                        top.err.println("On their machine: backend.url: <this hub's URL> and backend.token: <the token>"
                                + " in ~/.config/ccotel/config.yaml, or Authorization: Bearer <token> for OTLP.");
                    }
                    case "list" -> {
                        List<Member> listed = members.list().list();
                        if (listed.isEmpty()) { // on stderr: the list itself (stdout) is empty
                            top.err.println("No members yet: 'ccotel hub member add NAME' adds one and prints their"
                                    + " token.");
                        }
                        for (Member m : listed) {
                            top.out.println(m.name() + "\tadded " + m.addedAt());
                        }
                    }
                    default -> {
                        if (!members.remove().remove(name)) {
                            top.err.println("ccotel: no member named " + name);
                            return 3;
                        }
                        top.err.println("Removed " + name + ": their token is refused from now on.");
                    }
                }
            }
            return Cli.OK;
        }
    }

    /** {@code ccotel hub report}: the team's record, with {@code report}'s options and JSON. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Show the team's usage: members (default), machines (member@host), daily, weekly, monthly,"
                    + " sessions, models or projects; --member limits any of them to one member.")
    static final class HubReportCommand implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @ParentCommand
        HubCommand hub;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1",
                paramLabel = "members|machines|daily|weekly|monthly|sessions|models|projects",
                description = "What one row is (default: members)")
        String kind = "members";

        @Option(names = "--since", paramLabel = "DATE", description = "First day: YYYY-MM-DD, today or Nd (N days ago)")
        String since;

        @Option(names = "--until", paramLabel = "DATE", description = "Last day: YYYY-MM-DD, today or Nd")
        String until;

        @Option(names = "--member", paramLabel = "NAME", description = "Only this member's sessions")
        String member;

        @Option(names = "--timezone", paramLabel = "ZONE", description = "Time zone of the days (default: this machine's)")
        String timezone;

        @Option(names = "--breakdown", description = "Split each row by model")
        boolean breakdown;

        @Option(names = "--json", description = "Print JSON (report's schema) instead of tables")
        boolean json;

        @Override
        public Integer call() {
            CcotelCommand top = hub.parent;
            String word = kind.toLowerCase(Locale.ROOT);
            HubComposition.Rows rows = switch (word) {
                case "members" -> HubComposition.Rows.MEMBER;
                case "machines" -> HubComposition.Rows.MACHINE;
                default -> member != null ? HubComposition.Rows.MEMBER : HubComposition.Rows.PROJECT;
            };
            if (member != null && word.equals("projects")) {
                throw new ParameterException(spec.commandLine(), "--member with projects: not yet; use sessions");
            }
            UsageQuery.Grouping grouping = switch (word) {
                case "members", "machines", "projects" -> UsageQuery.Grouping.PROJECTS;
                case "daily", "weekly", "monthly", "sessions", "models" ->
                        UsageQuery.Grouping.valueOf(word.toUpperCase(Locale.ROOT));
                default -> throw new ParameterException(spec.commandLine(), "unknown report '" + kind + "': choose"
                        + " members, machines, daily, weekly, monthly, sessions, models or projects");
            };
            ZoneId zone = zone();
            UsageQuery query;
            try {
                query = new UsageQuery(grouping, date("--since", since, zone), date("--until", until, zone), zone,
                        Optional.ofNullable(member), breakdown);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            UsageReport report;
            try (HubComposition.Reports reports = HubComposition.reports(HubConfig.database(top.settings(Map.of()),
                    top.environment), rows, top.clock)) {
                report = reports.usage().report(query);
            }
            if (json) {
                top.out.println(renamed(ReportJson.render(report), word));
            } else if (report.rows().isEmpty()) {
                top.out.println("No usage recorded at the hub for this selection.");
            } else {
                String table = ReportTables.render(report);
                // The rows are projects to the use case; their header cells say what they are here.
                top.out.print(word.equals("members") ? table.replaceAll("(?m)^ Project ", " Member  ")
                        : word.equals("machines") ? table.replaceAll("(?m)^ Project ", " Machine ") : table);
            }
            return Cli.OK;
        }

        /** The report's JSON, named for what its rows are: {@code members} rows are keyed by the member's name. */
        private static String renamed(String json, String word) {
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(json);
                root.put("report", word);
                return JSON.writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private ZoneId zone() {
            if (timezone == null) {
                return hub.parent.clock.getZone();
            }
            try {
                return ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw new ParameterException(spec.commandLine(), "--timezone: '" + timezone + "' is not a time zone");
            }
        }

        private Optional<LocalDate> date(String option, String text, ZoneId zone) {
            if (text == null) {
                return Optional.empty();
            }
            String word = text.strip().toLowerCase(Locale.ROOT);
            LocalDate today = LocalDate.ofInstant(hub.parent.clock.instant(), zone);
            if (word.equals("today")) {
                return Optional.of(today);
            }
            if (word.matches("\\d{1,5}d")) {
                return Optional.of(today.minusDays(Long.parseLong(word.substring(0, word.length() - 1))));
            }
            try {
                return Optional.of(LocalDate.parse(word));
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), option + ": '" + text + "' is not a date; write"
                        + " YYYY-MM-DD, today or Nd");
            }
        }
    }
}
