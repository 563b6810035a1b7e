package dev.ccotel.adapter.transcripts;

import dev.ccotel.domain.model.ImportedSession;
import dev.ccotel.ports.out.KeepImportsPort;
import dev.ccotel.ports.out.ReadTranscriptsPort.TranscriptFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A store that keeps imports in maps, and counts how often it was asked to keep. */
final class KeptInMemory implements KeepImportsPort {
    final Map<String, TranscriptFile> files = new LinkedHashMap<>();
    final Map<String, ImportedSession> sessions = new LinkedHashMap<>();
    int keeps;

    @Override
    public Map<String, TranscriptFile> readBefore() {
        return Map.copyOf(files);
    }

    @Override
    public java.util.Set<String> estimatedWithOtherPrices(String pricesAsOf) {
        java.util.Set<String> out = new java.util.HashSet<>();
        sessions.forEach((id, s) -> {
            if (s.costSource() == dev.ccotel.domain.model.CostSource.ESTIMATE && !pricesAsOf.equals(asOf.get(id))) {
                out.add(id);
            }
        });
        return out;
    }

    final Map<String, String> asOf = new LinkedHashMap<>();

    @Override
    public void keep(List<ImportedSession> kept, List<TranscriptFile> read, String pricesAsOf) {
        keeps++;
        kept.forEach(s -> sessions.put(s.sessionId(), s));
        kept.forEach(s -> asOf.put(s.sessionId(), pricesAsOf));
        read.forEach(f -> files.put(f.path(), f));
    }
}
