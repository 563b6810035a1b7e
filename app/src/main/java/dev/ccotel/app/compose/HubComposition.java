package dev.ccotel.app.compose;

import dev.ccotel.adapter.grpc.HubGrpcServer;
import dev.ccotel.adapter.httpin.HubHttpServer;
import dev.ccotel.adapter.postgres.PostgresStore;
import dev.ccotel.adapter.sqlite.SqliteHubStore;
import dev.ccotel.app.config.ConfigKeys;
import dev.ccotel.app.config.HubConfig;
import dev.ccotel.app.config.HubDatabase;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.AddMemberUseCase;
import dev.ccotel.ports.in.ListMembersUseCase;
import dev.ccotel.ports.in.RemoveMemberUseCase;
import dev.ccotel.ports.in.ReportUsageUseCase;
import dev.ccotel.ports.service.hub.IdentifyMemberService;
import dev.ccotel.ports.service.hub.IngestAsMemberService;
import dev.ccotel.ports.service.hub.IngestForwardedService;
import dev.ccotel.ports.service.hub.LastKept;
import dev.ccotel.ports.service.hub.MemberQuota;
import dev.ccotel.ports.service.hub.MembersService;
import dev.ccotel.ports.service.report.ReportUsageService;
import java.security.SecureRandom;
import dev.ccotel.adapter.httpin.dashboard.DashboardRoutes;
import dev.ccotel.app.runtime.Version;
import dev.ccotel.ports.in.DaemonStatus;
import dev.ccotel.ports.in.ReportStatusUseCase;
import dev.ccotel.ports.model.DeliveryStatus;
import dev.ccotel.ports.model.OutboxDepth;
import dev.ccotel.ports.out.EncodeTelemetryPort;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.ReadUsagePort;
import dev.ccotel.ports.service.report.LimitsReport;
import dev.ccotel.ports.service.report.OverviewService;
import dev.ccotel.ports.service.report.ReadSessionService;
import dev.ccotel.ports.service.report.ReportDecisionsService;
import dev.ccotel.ports.service.statusline.Budgets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every wire of {@code ccotel hub}, drawn here and nowhere else: the store behind the out-ports
 * (PostgreSQL, or one SQLite file for a one-person hub: {@link HubStore}), the hub's services over it,
 * and the HTTP listener in front. The commands ask this class
 * for what they run ({@link #start}, {@link #members}, {@link #reports}) and name no adapter's types.
 */
public final class HubComposition {
    /**
     * The machine of raw OTLP sent straight to the hub: Claude Code names none, and a daemon (which
     * does) is not in between.
     */
    public static final String DIRECT_OTLP_HOST = "direct-otlp";

    /**
     * HikariCP and Flyway say at INFO that a pool started and a schema is current, on every
     * {@code hub member} and {@code hub report} too: kept to their warnings. Held here, since
     * java.util.logging forgets the level of a logger nobody references.
     */
    private static final java.util.List<java.util.logging.Logger> QUIETED = java.util.stream.Stream.of(
            "com.zaxxer.hikari", "org.flywaydb").map(java.util.logging.Logger::getLogger)
            .peek(l -> l.setLevel(java.util.logging.Level.WARNING)).toList();

    private HubComposition() {}

    /** The running hub: its listeners and its store, closed in that order. */
    public static final class Running implements AutoCloseable {
        private final HubStore store;
        private final HubHttpServer http;
        private final Optional<HubGrpcServer> grpc;
        private final AtomicBoolean open;

        private Running(HubStore store, HubHttpServer http, Optional<HubGrpcServer> grpc, AtomicBoolean open) {
            this.open = open;
            this.store = store;
            this.http = http;
            this.grpc = grpc;
        }

        public int port() {
            return http.port();
        }

        /** How many members may send now: none on a new hub, which then refuses every request. */
        public int members() {
            return store.members().list().size();
        }

        /** The OTLP/gRPC port, when {@code hub.grpc-port} opened one. */
        public Optional<Integer> grpcPort() {
            return grpc.map(HubGrpcServer::port);
        }

        /** Stops taking requests and lets those in flight finish before the store's pools close under them. */
        @Override
        public void close() {
            open.set(false); // first: the dashboards' live streams end before the listener waits for them
            try {
                grpc.ifPresent(HubGrpcServer::close);
            } finally {
                try {
                    http.close();
                } finally {
                    store.close();
                }
            }
        }
    }

    /** Opens (and migrates) the store, then starts listening: nothing is accepted before it can be kept. */
    public static Running start(HubConfig config, Clock clock) {
        HubStore store = HubStore.open(config.database(), clock);
        try {
            LastKept lastKept = new LastKept(clock);
            AtomicBoolean open = new AtomicBoolean(true);
            KeepMemberTelemetryPort keeper = lastKept.noting(store.keeper());
            IngestAsMemberService otlp = new IngestAsMemberService(
                    new OtlpMapper(clock, MappingOptions.privateByDefault(DIRECT_OTLP_HOST)), store.sessionStates(),
                    EncodeTelemetryPort.NOT_SENT, keeper, store.sessionLocks(), lastKept.noting(store.spans()), clock);
            IdentifyMemberService members = new IdentifyMemberService(store.members());
            MemberQuota quota = quota(config);
            HubHttpServer http = new HubHttpServer(config.listener(), members, quota, new IngestForwardedService(keeper),
                    otlp, Optional.of(dashboard(store, lastKept, open, clock))).start();
            Optional<HubGrpcServer> grpc;
            try {
                grpc = config.grpc().map(g -> new HubGrpcServer(g, members, quota, otlp).start());
            } catch (RuntimeException e) {
                http.close();
                throw e;
            }
            store.servedBy("ccotel hub, HTTP " + config.listener().host() + ":" + http.port()
                    + grpc.map(g -> ", OTLP/gRPC :" + g.port()).orElse(""));
            return new Running(store, http, grpc, open);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Each member's bounds, one quota for both listeners: a member's share is of the hub, not of a port. */
    private static MemberQuota quota(HubConfig config) {
        return new MemberQuota(config.listener().maxConcurrentPerMember(),
                config.listener().maxRequestsPerSecondPerMember(), System::nanoTime);
    }

    /**
     * The dashboard in team mode: the daemon's page and JSON API over the team's record, with each
     * member where the daemon's dashboard shows a project (so "projects" are people), in the hub's time
     * zone. Its live stream signals what this hub last kept (by the contract or raw OTLP), so open pages
     * refresh as members' exports arrive.
     */
    private static DashboardRoutes dashboard(HubStore store, LastKept lastKept, AtomicBoolean open, Clock clock) {
        ReadUsagePort byMember = store.usage(Rows.MEMBER);
        ZoneId zone = ZoneId.systemDefault();
        ReportUsageService usage = new ReportUsageService(byMember, clock);
        LimitsReport limits = new LimitsReport(byMember, clock);
        DashboardRoutes.Views views = new DashboardRoutes.Views(
                new OverviewService(usage, limits, Budgets.NONE, clock, zone), usage, limits,
                new ReadSessionService(byMember, clock, zone), new ReportDecisionsService(byMember));
        Instant started = clock.instant();
        ReportStatusUseCase status = () -> new DaemonStatus(Version.VALUE, ProcessHandle.current().pid(), started,
                Duration.between(started, clock.instant()), List.of(),
                new DeliveryStatus(List.of(), OutboxDepth.EMPTY, Optional.empty()), List.of(), 0, lastKept.at(),
                Map.of());
        return new DashboardRoutes(Optional.of(views), status, open::get, zone, clock);
    }

    /** The member commands' use cases over an open store; close it after. */
    public record Members(AddMemberUseCase add, ListMembersUseCase list, RemoveMemberUseCase remove,
            AutoCloseable store) implements AutoCloseable {
        @Override
        public void close() {
            closeStore(store);
        }
    }

    /**
     * The members of the hub's store. A SQLite file is opened beside a hub that may be running on it
     * (SQLite orders the writes), so members are added and removed without stopping it.
     */
    public static Members members(HubDatabase database, Clock clock) {
        return switch (database) {
            case HubDatabase.PostgreSql pg -> {
                PostgresStore store = PostgresStore.open(pg.config(), clock);
                yield members(store.members(), store, clock);
            }
            case HubDatabase.SqliteFile file -> {
                SqliteHubStore.Members store = SqliteHubStore.members(file.path(), ConfigKeys.HUB_DATABASE_PATH);
                yield members(store.port(), store, clock);
            }
        };
    }

    private static Members members(dev.ccotel.ports.out.ManageMembersPort port, AutoCloseable store, Clock clock) {
        MembersService service = new MembersService(port, new SecureRandom(), clock);
        return new Members(service, service, service, store);
    }

    /** What a team report's rows stand for. */
    public enum Rows {
        PROJECT, MEMBER, MACHINE
    }

    /** The report use case over the team's record; close the store after. */
    public record Reports(ReportUsageUseCase usage, AutoCloseable store) implements AutoCloseable {
        @Override
        public void close() {
            closeStore(store);
        }
    }

    /** The team's record for reports; a SQLite file is read beside a hub that may be writing it. */
    public static Reports reports(HubDatabase database, Rows rows, Clock clock) {
        return switch (database) {
            case HubDatabase.PostgreSql pg -> {
                PostgresStore store = PostgresStore.open(pg.config(), clock);
                yield new Reports(new ReportUsageService(store.usage(HubStore.onPostgres(rows)), clock), store);
            }
            case HubDatabase.SqliteFile file -> new Reports(new ReportUsageService(
                    SqliteHubStore.usage(file.path(), HubStore.onSqlite(rows)), clock), () -> {});
        };
    }

    private static void closeStore(AutoCloseable store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the hub's store failed: " + e.getMessage(), e);
        }
    }
}
