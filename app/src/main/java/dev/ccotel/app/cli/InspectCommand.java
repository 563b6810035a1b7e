package dev.ccotel.app.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.ccotel.adapter.httpout.wire.BackendJson;
import dev.ccotel.adapter.httpin.wire.OtlpJson;
import dev.ccotel.app.config.DaemonConfig;
import dev.ccotel.app.config.Settings;
import dev.ccotel.app.runtime.HostNames;
import dev.ccotel.domain.MappingOptions;
import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.model.MappingResult;
import dev.ccotel.domain.model.SessionUpdate;
import dev.ccotel.domain.model.SkipReason;
import dev.ccotel.domain.source.claudecode.OtlpMapper;
import dev.ccotel.ports.in.IngestTracesCommand;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccotel inspect FILE...}: maps saved OTLP export bodies, in the given order, through one
 * mapper and ledger, and prints each backend request as one JSON line, then on stderr what was not
 * forwarded. A file knows no connection: records without a {@code session.id} in all the files of
 * one run share the synthetic session {@code nosession-<now>-inspect} (inspect one process's files
 * at a time to keep processes apart).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Map saved OTLP export bodies (protobuf, or OTLP/JSON for *.json) in order and print the "
                + "backend requests as JSON lines; trace files are counted (spans on stderr), not forwarded.")
final class InspectCommand implements Callable<Integer> {
    enum Signal { logs, metrics, traces }

    @ParentCommand
    CcotelCommand parent;

    @Option(names = "--signal", description = "logs, metrics or traces; default: from the file name (contains 'logs', "
            + "'metrics' or 'trace')")
    Signal signal;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Export bodies, mapped in this order")
    List<Path> files;

    @Override
    public Integer call() {
        Settings settings = parent.settings(Map.of());
        MappingOptions options = DaemonConfig.mapping(settings, HostNames.local(parent.environment));
        // Saved exports are replayed from the start of their sessions: every cumulative point counts.
        OtlpMapper mapper = new OtlpMapper(SessionLedger.forReplay(parent.clock), options);
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        long spansTotal = 0;
        for (Path file : files) {
            Signal fileSignal = signalOf(file);
            if (fileSignal == Signal.traces) {
                long spans = new IngestTracesCommand((ExportTraceServiceRequest) read(file,
                        ExportTraceServiceRequest.newBuilder())).spans();
                parent.err.println("ccotel inspect: " + file + ": " + spans + " span(s); ccotel counts spans and "
                        + "forwards none");
                spansTotal += spans;
                continue;
            }
            MappingResult result = fileSignal == Signal.logs
                    ? mapper.map((ExportLogsServiceRequest) read(file, ExportLogsServiceRequest.newBuilder()))
                    : mapper.map((ExportMetricsServiceRequest) read(file, ExportMetricsServiceRequest.newBuilder()));
            for (SessionUpdate request : result.requests()) {
                parent.out.println(BackendJson.toJsonString(request));
            }
            if (!result.skipped().isEmpty()) {
                parent.err.println("ccotel inspect: " + file + ": skipped " + result.skipped());
                result.skipped().forEach((reason, count) -> skipped.merge(reason, count, Long::sum));
            }
        }
        parent.out.flush();
        summary(skipped, spansTotal).ifPresent(parent.err::println);
        return Cli.OK;
    }

    /** One line over all files: what was not forwarded, by reason; nothing when everything was. */
    static java.util.Optional<String> summary(Map<SkipReason, Long> skipped, long spans) {
        long items = skipped.values().stream().mapToLong(Long::longValue).sum();
        if (items == 0 && spans == 0) {
            return java.util.Optional.empty();
        }
        java.util.StringJoiner reasons = new java.util.StringJoiner(", ", " (", ")").setEmptyValue("");
        skipped.forEach((reason, count) -> reasons.add(reason.id() + " " + count));
        return java.util.Optional.of("ccotel inspect: not forwarded: " + items + " record(s) or point(s)" + reasons
                + (spans == 0 ? "" : "; " + spans + " span(s) counted, never forwarded"));
    }

    private Signal signalOf(Path file) {
        if (signal != null) {
            return signal;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Signal> named = java.util.Arrays.stream(Signal.values())
                .filter(sig -> name.contains(sig == Signal.traces ? "trace" : sig.name()))
                .toList();
        if (named.size() != 1) {
            throw new ParameterException(parent.spec.commandLine(), file + ": cannot tell logs, metrics or traces by "
                    + "the file name; say --signal logs, --signal metrics or --signal traces");
        }
        return named.get(0);
    }

    private static Message read(Path file, Message.Builder builder) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        try {
            if (json) {
                OtlpJson.merge(bytes, builder); // OTLP/JSON: hex trace and span ids, as the HTTP receiver reads them
            } else {
                builder.mergeFrom(bytes);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": not a valid OTLP " + (json ? "JSON" : "protobuf") + " "
                    + builder.getDescriptorForType().getName() + ": " + e.getMessage(), e);
        }
        return builder.build();
    }
}
