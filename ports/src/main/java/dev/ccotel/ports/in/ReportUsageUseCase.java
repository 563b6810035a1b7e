package dev.ccotel.ports.in;

/**
 * Sums what the local store holds into a report for people.
 *
 * <p>Cost and tokens are counted once: from the {@code cost_usage} and {@code token_usage}
 * metrics, and only for a session that has none of those (e.g. one that exported logs only) from
 * its {@code api_request} events. A session counts as a session of work when it has at least one
 * prompt or API request; Claude Code also opens sessions that never see one (at a
 * {@code --continue} start-up), and those are not counted as sessions.
 *
 * <p>A session imported from its transcript ({@link ImportTranscriptsUseCase}) counts once too: a
 * session telemetry holds keeps telemetry's figures, unless its transcript's total cost for the whole
 * session is higher (telemetry missed part of it, the daemon being down): then the transcript's
 * figures replace telemetry's for that session, never add to them. A session telemetry never saw
 * is counted from its transcript. Each row says where its sessions' cost came from.
 */
public interface ReportUsageUseCase {
    UsageReport report(UsageQuery query);
}
