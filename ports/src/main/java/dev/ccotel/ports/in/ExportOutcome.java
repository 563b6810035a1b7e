package dev.ccotel.ports.in;

import java.util.Locale;

/** How one export was answered, as counted for {@code /status} and {@code /metrics}. */
public enum ExportOutcome {
    SUCCESS, PARTIAL_SUCCESS, RETRY_LATER,
    /** The use case threw: a bug in ccotel, answered as an internal error. */
    FAILED;

    public static ExportOutcome of(IngestResult result) {
        return switch (result) {
            case IngestResult.Success s -> SUCCESS;
            case IngestResult.PartialSuccess p -> PARTIAL_SUCCESS;
            case IngestResult.RetryLater r -> RETRY_LATER;
        };
    }

    /** {@code success}, {@code partial_success}, {@code retry_later}, {@code failed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
