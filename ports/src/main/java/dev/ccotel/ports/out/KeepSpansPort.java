package dev.ccotel.ports.out;

import dev.ccotel.domain.model.SessionSpan;
import java.util.List;

/** Where sessions' spans are kept, for the session page: idempotent by trace and span id. */
public interface KeepSpansPort {

    /**
     * Keeps these spans, all or none, before the exporter is answered.
     *
     * @throws IllegalStateException when the store cannot take them, with the reason in words
     */
    void keep(List<SessionSpan> spans);
}
