package dev.ccotel.ports.out;

import dev.ccotel.domain.model.ImportedSession;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The store's side of importing: what was read before, and the sessions read now. */
public interface KeepImportsPort {
    /** The files read by earlier imports, by path, as they were then. */
    Map<String, ReadTranscriptsPort.TranscriptFile> readBefore();

    /** The sessions estimated with a price list of another date than {@code pricesAsOf}: read again to re-price them. */
    Set<String> estimatedWithOtherPrices(String pricesAsOf);

    /**
     * Keeps {@code sessions} (each replacing what an earlier import kept of it) and the files they were
     * read from, in one transaction.
     *
     * @param pricesAsOf the date of the price list the estimates among them were made with
     * @throws IllegalStateException when the store cannot take them, with the reason in words
     */
    void keep(List<ImportedSession> sessions, List<ReadTranscriptsPort.TranscriptFile> files, String pricesAsOf);
}
