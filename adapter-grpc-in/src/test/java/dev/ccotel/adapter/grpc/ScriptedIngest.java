package dev.ccotel.adapter.grpc;

import dev.ccotel.ports.in.IngestLogsCommand;
import dev.ccotel.ports.in.IngestLogsUseCase;
import dev.ccotel.ports.in.IngestMetricsCommand;
import dev.ccotel.ports.in.IngestMetricsUseCase;
import dev.ccotel.ports.in.IngestResult;
import dev.ccotel.ports.in.IngestTracesCommand;
import dev.ccotel.ports.in.IngestTracesUseCase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every command and answers with a scripted outcome. */
final class ScriptedIngest implements IngestMetricsUseCase, IngestLogsUseCase, IngestTracesUseCase {
    private final List<IngestMetricsCommand> metrics = new CopyOnWriteArrayList<>();
    private final List<IngestLogsCommand> logs = new CopyOnWriteArrayList<>();
    private final List<IngestTracesCommand> traces = new CopyOnWriteArrayList<>();
    private final IngestResult outcome;

    private ScriptedIngest(IngestResult outcome) {
        this.outcome = outcome;
    }

    static ScriptedIngest accepting() {
        return new ScriptedIngest(new IngestResult.Success());
    }

    static ScriptedIngest answering(IngestResult outcome) {
        return new ScriptedIngest(outcome);
    }

    @Override
    public IngestResult ingest(IngestMetricsCommand command) {
        metrics.add(command);
        return outcome;
    }

    @Override
    public IngestResult ingest(IngestLogsCommand command) {
        logs.add(command);
        return outcome;
    }

    @Override
    public IngestResult ingest(IngestTracesCommand command) {
        traces.add(command);
        return outcome;
    }

    List<IngestTracesCommand> traces() {
        return traces;
    }

    List<IngestMetricsCommand> metrics() {
        return metrics;
    }

    List<IngestLogsCommand> logs() {
        return logs;
    }
}
