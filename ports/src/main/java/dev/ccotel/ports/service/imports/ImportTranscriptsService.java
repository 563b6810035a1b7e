package dev.ccotel.ports.service.imports;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.PriceTable;
import dev.ccotel.domain.source.transcript.TranscriptReader;
import dev.ccotel.ports.in.ImportSummary;
import dev.ccotel.ports.in.ImportTranscriptsCommand;
import dev.ccotel.ports.in.ImportTranscriptsUseCase;
import dev.ccotel.ports.out.KeepImportsPort;
import dev.ccotel.ports.out.LoadPricesPort;
import dev.ccotel.ports.out.ReadTranscriptsPort;
import dev.ccotel.ports.out.ReadTranscriptsPort.FileRead;
import dev.ccotel.ports.out.ReadTranscriptsPort.TranscriptFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads the sessions whose files changed since the last import, each as a whole (its own file and
 * its sub-agents', so that dedupe and the last {@code cost-state} see everything), and keeps them in
 * batches. A session with a file that vanished or could not be read mid-way is not kept this time:
 * what the store held of it stays, rather than a part presented as the whole.
 */
public final class ImportTranscriptsService implements ImportTranscriptsUseCase {
    /** Sessions per transaction: few commits on a first import, little work lost to a failure. */
    static final int BATCH = 500;

    private final ReadTranscriptsPort transcripts;
    private final KeepImportsPort store;
    private final LoadPricesPort prices;

    public ImportTranscriptsService(ReadTranscriptsPort transcripts, KeepImportsPort store, LoadPricesPort prices) {
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.store = Objects.requireNonNull(store, "store");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    @Override
    public ImportSummary importTranscripts(ImportTranscriptsCommand command) {
        List<TranscriptFile> found = transcripts.find(command.roots());
        Map<String, TranscriptFile> before = store.readBefore();
        Map<String, List<TranscriptFile>> changed = new LinkedHashMap<>();
        for (TranscriptFile f : found) {
            TranscriptFile was = before.get(f.path());
            if (was == null || was.size() != f.size() || was.modifiedMillis() != f.modifiedMillis()) {
                changed.put(f.sessionId(), new ArrayList<>());
            }
        }
        long bytesToRead = 0;
        for (TranscriptFile f : found) {
            List<TranscriptFile> files = changed.get(f.sessionId());
            if (files != null) {
                files.add(f);
                bytesToRead += f.size();
            }
        }
        if (changed.isEmpty()) {
            return new ImportSummary(found.size(), 0, 0, 0, 0, Map.of());
        }
        PriceTable table = prices.prices();
        Counts counts = new Counts(changed.values().stream().mapToLong(List::size).sum(), bytesToRead, command);
        List<ImportedSession> sessions = new ArrayList<>();
        List<TranscriptFile> files = new ArrayList<>();
        for (List<TranscriptFile> session : changed.values()) {
            readSession(session, table, counts).ifPresent(s -> {
                sessions.add(s);
                files.addAll(session);
                counts.unsettled += s.settled() ? 0 : 1;
            });
            if (sessions.size() >= BATCH) {
                keep(sessions, files, table, counts);
            }
        }
        keep(sessions, files, table, counts);
        return new ImportSummary(found.size(), counts.filesDone, counts.bytesDone, counts.kept, counts.unsettled,
                counts.skipped);
    }

    private java.util.Optional<ImportedSession> readSession(List<TranscriptFile> files, PriceTable table, Counts counts) {
        TranscriptReader reader = new TranscriptReader(files.get(0).sessionId());
        boolean whole = true;
        // the session's own file first: its cost-state is placed against its own lines
        for (TranscriptFile f : files.stream().sorted(Comparator.comparing(TranscriptFile::subAgent)).toList()) {
            TranscriptReader.Part part = f.subAgent() ? TranscriptReader.Part.SUB_AGENT : TranscriptReader.Part.MAIN;
            FileRead read = transcripts.read(f, line -> reader.read(line, part));
            counts.file(f);
            switch (read) {
                case FileRead.Read r -> {
                    counts.skip("not JSON", r.notJson());
                    if (r.cutOff()) {
                        counts.skip("cut off", 1);
                        reader.cutOff();
                    }
                }
                case FileRead.Unreadable u -> {
                    counts.skip(u.vanished() ? "vanished" : "unreadable", 1);
                    whole = false;
                }
            }
        }
        counts.skip("unknown type", reader.unknownLines());
        return whole ? reader.result(table) : java.util.Optional.empty();
    }

    private void keep(List<ImportedSession> sessions, List<TranscriptFile> files, PriceTable table, Counts counts) {
        if (!sessions.isEmpty()) {
            store.keep(sessions, files, table.asOf());
            counts.kept += sessions.size();
        }
        sessions.clear();
        files.clear();
    }

    /** What the import has done so far. */
    private static final class Counts {
        final long filesToRead;
        final long bytesToRead;
        final ImportTranscriptsCommand command;
        final Map<String, Long> skipped = new TreeMap<>();
        long filesDone;
        long bytesDone;
        long kept;
        long unsettled;

        Counts(long filesToRead, long bytesToRead, ImportTranscriptsCommand command) {
            this.filesToRead = filesToRead;
            this.bytesToRead = bytesToRead;
            this.command = command;
        }

        void file(TranscriptFile f) {
            filesDone++;
            bytesDone += f.size();
            command.progress().accept(new ImportTranscriptsCommand.Progress(filesDone, filesToRead, bytesDone, bytesToRead));
        }

        void skip(String reason, long n) {
            if (n > 0) {
                skipped.merge(reason, n, Long::sum);
            }
        }
    }
}
