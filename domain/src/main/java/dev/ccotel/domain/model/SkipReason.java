package dev.ccotel.domain.model;

/** Why part of an export was not forwarded. None of these is an error of the exporter. */
public enum SkipReason {
    /** The resource's {@code service.name} is not {@code claude-code}. */
    NOT_CLAUDE_CODE,
    /** A metric name ccotel does not know. */
    UNKNOWN_METRIC,
    /** A histogram, summary, gauge or empty metric where Claude Code sends sums. */
    UNSUPPORTED_POINT_TYPE,
    /** A log record without an {@code event.name} attribute. */
    NO_EVENT_NAME,
    /**
     * A record or point whose {@code session.id} (over 256 characters) or series (name and
     * attributes over 4,096 characters) is too long to keep: refused, and the exporter is told.
     */
    ID_TOO_LONG,
    /** A data point whose value is missing, NaN or infinite. */
    INVALID_VALUE,
    /**
     * A point that would lower a total (a negative delta: every Claude Code metric is a counter) or
     * make one infinite; forwarding or counting it would corrupt the session's totals.
     */
    OUT_OF_RANGE,
    /** A cumulative point older than one already seen for its series. */
    STALE_POINT,
    /**
     * The first point of a cumulative series that started before this ledger did: its total may
     * already have been forwarded, so it only becomes the baseline for the next delta.
     */
    CUMULATIVE_BASELINE;

    /** The reason's name on the daemon's status and in logs, e.g. {@code not_claude_code}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
