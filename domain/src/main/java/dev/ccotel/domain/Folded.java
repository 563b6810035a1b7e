package dev.ccotel.domain;

import dev.ccotel.domain.model.MappingResult;
import java.util.List;

/**
 * What {@link ExportFold#fold} gives: the backend requests and skip counts of the export, and the
 * new state of each of its sessions, to be kept once the requests are.
 */
public record Folded(MappingResult result, List<SessionState> states) {
    public Folded {
        states = List.copyOf(states);
    }
}
