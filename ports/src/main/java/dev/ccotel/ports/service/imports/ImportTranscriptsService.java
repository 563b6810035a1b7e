package dev.ccotel.ports.service.imports;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.PriceTable;
import dev.ccotel.ports.in.ImportSummary;
import dev.ccotel.ports.in.ImportTranscriptsCommand;
import dev.ccotel.ports.in.ImportTranscriptsUseCase;
import dev.ccotel.ports.out.KeepImportsPort;
import dev.ccotel.ports.out.LoadPricesPort;
import dev.ccotel.ports.out.ReadTranscriptsPort;
import dev.ccotel.ports.out.ReadTranscriptsPort.TranscriptFile;
import dev.ccotel.ports.service.Futures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the sessions that changed since the last import ({@link SessionRead}: each whole, its own file
 * and its sub-agents', so that dedupe and the last {@code cost-state} see everything), with
 * {@code readers} threads, and keeps them in batches, one transaction each. A session is read again
 * when one of its files changed size or time, or when it was estimated with a price list other than
 * today's.
 */
public final class ImportTranscriptsService implements ImportTranscriptsUseCase {
    /** Sessions per transaction: few commits on a first import, little work lost to a failure. */
    static final int BATCH = 500;

    private final ReadTranscriptsPort transcripts;
    private final KeepImportsPort store;
    private final LoadPricesPort prices;
    private final int readers;

    /** @param readers threads reading files at once: the processors for a command, 1 for a daemon's background work */
    public ImportTranscriptsService(ReadTranscriptsPort transcripts, KeepImportsPort store, LoadPricesPort prices,
            int readers) {
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.store = Objects.requireNonNull(store, "store");
        this.prices = Objects.requireNonNull(prices, "prices");
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be at least 1, got " + readers);
        }
        this.readers = readers;
    }

    @Override
    public ImportSummary importTranscripts(ImportTranscriptsCommand command) {
        ExecutorService pool = Executors.newFixedThreadPool(readers, Thread.ofPlatform().daemon(true)
                .name("ccotel-import-", 1).factory());
        try {
            // What the last import read comes from the store while the files are listed: on a re-import of
            // unchanged files these two are all the work, and neither waits for the other.
            Future<Before> before = pool.submit(() -> new Before(store.readBefore(),
                    store.estimatedWithOtherPrices(prices.asOf())));
            List<TranscriptFile> found = transcripts.find(command.roots());
            Before last = Futures.result(before, "the import");
            Map<String, List<TranscriptFile>> changed = changed(found, last.files(), last.repriced());
            if (changed.isEmpty()) {
                return new ImportSummary(found.size(), 0, 0, 0, 0, Map.of());
            }
            return read(command, found.size(), changed, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the store says the last import read: each file as it was, and the sessions to price again. */
    private record Before(Map<String, TranscriptFile> files, Set<String> repriced) {}

    private ImportSummary read(ImportTranscriptsCommand command, int filesFound,
            Map<String, List<TranscriptFile>> changed, ExecutorService pool) {
        PriceTable table = prices.prices();
        List<List<TranscriptFile>> sessions = List.copyOf(changed.values());
        long filesToRead = sessions.stream().mapToLong(List::size).sum();
        long bytesToRead = sessions.stream().flatMap(List::stream).mapToLong(TranscriptFile::size).sum();
        long filesDone = 0, bytesDone = 0, kept = 0, unsettled = 0;
        Map<String, Long> skipped = new TreeMap<>();
        for (int from = 0; from < sessions.size(); from += BATCH) {
            List<Future<SessionRead>> reading = new ArrayList<>();
            for (List<TranscriptFile> files : sessions.subList(from, Math.min(sessions.size(), from + BATCH))) {
                reading.add(pool.submit(() -> SessionRead.of(files, transcripts, table)));
            }
            List<ImportedSession> batch = new ArrayList<>();
            List<TranscriptFile> batchFiles = new ArrayList<>();
            for (Future<SessionRead> f : reading) {
                SessionRead read = Futures.result(f, "the import");
                read.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
                filesDone += read.files().size();
                bytesDone += read.bytes();
                command.progress().accept(new ImportTranscriptsCommand.Progress(filesDone, filesToRead, bytesDone,
                        bytesToRead));
                if (read.session().isPresent()) {
                    batch.add(read.session().get());
                    batchFiles.addAll(read.files());
                    unsettled += read.session().get().settled() ? 0 : 1;
                }
            }
            if (!batch.isEmpty()) {
                store.keep(batch, batchFiles, table.asOf());
                kept += batch.size();
            }
        }
        return new ImportSummary(filesFound, filesDone, bytesDone, kept, unsettled, skipped);
    }

    /**
     * Every file of each session one of whose files is new or changed, or that was estimated with another price
     * list ({@code repriced}), by session, in the order found.
     */
    private static Map<String, List<TranscriptFile>> changed(List<TranscriptFile> found, Map<String, TranscriptFile> before,
            Set<String> repriced) {
        Map<String, List<TranscriptFile>> changed = new LinkedHashMap<>();
        for (TranscriptFile f : found) {
            TranscriptFile was = before.get(f.path());
            if (was == null || was.size() != f.size() || was.modifiedMillis() != f.modifiedMillis()
                    || repriced.contains(f.sessionId())) {
                changed.put(f.sessionId(), new ArrayList<>());
            }
        }
        for (TranscriptFile f : found) {
            List<TranscriptFile> files = changed.get(f.sessionId());
            if (files != null) {
                files.add(f);
            }
        }
        return changed;
    }

}
