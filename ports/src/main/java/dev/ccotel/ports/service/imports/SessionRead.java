package dev.ccotel.ports.service.imports;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.domain.model.PriceTable;
import dev.ccotel.domain.source.transcript.TranscriptReader;
import dev.ccotel.ports.out.ReadTranscriptsPort;
import dev.ccotel.ports.out.ReadTranscriptsPort.FileRead;
import dev.ccotel.ports.out.ReadTranscriptsPort.TranscriptFile;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One session read whole: its own file, then its sub-agents' (its cost-state is placed against its
 * own lines). A session with a file that vanished or could not be read is not kept: what the store
 * held of it stays, rather than a part presented as the whole.
 *
 * @param session empty when it is not to be kept
 * @param skipped lines and files skipped, by reason
 */
record SessionRead(List<TranscriptFile> files, Optional<ImportedSession> session, Map<String, Long> skipped) {
    static SessionRead of(List<TranscriptFile> files, ReadTranscriptsPort transcripts, PriceTable prices) {
        TranscriptReader reader = new TranscriptReader(files.get(0).sessionId());
        Map<String, Long> skipped = new TreeMap<>();
        boolean whole = true;
        for (TranscriptFile f : files.stream().sorted(Comparator.comparing(TranscriptFile::subAgent)).toList()) {
            TranscriptReader.Part part = f.subAgent() ? TranscriptReader.Part.SUB_AGENT : TranscriptReader.Part.MAIN;
            switch (transcripts.read(f, line -> reader.read(line, part))) {
                case FileRead.Read r -> {
                    count(skipped, "not JSON", r.notJson());
                    if (r.cutOff()) {
                        count(skipped, "cut off", 1);
                        reader.cutOff();
                    }
                }
                case FileRead.Unreadable u -> {
                    count(skipped, u.vanished() ? "vanished" : "unreadable", 1);
                    whole = false;
                }
            }
        }
        count(skipped, "unknown type", reader.unknownLines());
        return new SessionRead(files, whole ? reader.result(prices) : Optional.empty(), skipped);
    }

    long bytes() {
        return files.stream().mapToLong(TranscriptFile::size).sum();
    }

    private static void count(Map<String, Long> skipped, String reason, long n) {
        if (n > 0) {
            skipped.merge(reason, n, Long::sum);
        }
    }
}
