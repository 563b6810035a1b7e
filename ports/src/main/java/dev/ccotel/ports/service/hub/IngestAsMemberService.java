package dev.ccotel.ports.service.hub;

import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.IngestAsMemberUseCase;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestTracesUseCase;
import dev.ccotel.ports.model.Member;
import dev.ccotel.ports.out.EncodeTelemetryPort;
import dev.ccotel.ports.out.KeepMemberTelemetryPort;
import dev.ccotel.ports.out.KeepSpansPort;
import dev.ccotel.ports.out.LoadSessionStatePort;
import dev.ccotel.ports.out.LockSessionsPort;
import dev.ccotel.ports.service.ingest.ExportPipeline;
import dev.ccotel.ports.service.ingest.IngestLogsService;
import dev.ccotel.ports.service.ingest.IngestMetricsService;
import dev.ccotel.ports.service.ingest.KeepSpansService;
import dev.ccotel.ports.service.status.CountTracesService;
import dev.ccotel.ports.service.status.ExportCounters;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Raw OTLP at the hub: the daemon's own pipeline (load state, fold, keep), one per member so that
 * what it keeps carries the member, with the sessions locked in the database from load to keep so
 * that several hubs can share one. Traces are kept as spans for the team dashboard's session timeline,
 * then counted, as the daemon's store does.
 */
public final class IngestAsMemberService implements IngestAsMemberUseCase {
    private final OtlpMapper mapper;
    private final LoadSessionStatePort states;
    private final EncodeTelemetryPort encoder;
    private final KeepMemberTelemetryPort keeper;
    private final LockSessionsPort locks;
    private final Clock clock;
    private final ExportCounters counters;
    private final IngestTracesUseCase traces;
    private final Map<Long, Pipelines> byMember = new ConcurrentHashMap<>();

    public IngestAsMemberService(OtlpMapper mapper, LoadSessionStatePort states, EncodeTelemetryPort encoder,
            KeepMemberTelemetryPort keeper, LockSessionsPort locks, KeepSpansPort spans, Clock clock) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.states = Objects.requireNonNull(states, "states");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counters = new ExportCounters(clock);
        this.traces = new KeepSpansService(spans, new CountTracesService(counters));
    }

    @Override
    public IngestLogsUseCase logs(Member member) {
        return pipelines(member).logs;
    }

    @Override
    public IngestMetricsUseCase metrics(Member member) {
        return pipelines(member).metrics;
    }

    @Override
    public IngestTracesUseCase traces(Member member) {
        Objects.requireNonNull(member, "member");
        return traces;
    }

    private Pipelines pipelines(Member member) {
        Objects.requireNonNull(member, "member");
        return byMember.computeIfAbsent(member.id(), id -> {
            ExportPipeline pipeline = new ExportPipeline(mapper, states, encoder,
                    export -> keeper.keep(member, export), clock, counters, locks);
            return new Pipelines(new IngestLogsService(pipeline), new IngestMetricsService(pipeline));
        });
    }

    private record Pipelines(IngestLogsUseCase logs, IngestMetricsUseCase metrics) {}
}
