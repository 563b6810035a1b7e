package dev.ccotel.ports.in;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report shows.
 *
 * @param since first day included (in {@code zone}); empty: from the beginning
 * @param until last day included (in {@code zone}); empty: up to now
 * @param project only sessions of this project; empty: every project
 * @param breakdown each row also split by model
 */
public record UsageQuery(Grouping grouping, Optional<LocalDate> since, Optional<LocalDate> until, ZoneId zone,
        Optional<String> project, boolean breakdown) {

    /** The rows of a report. */
    public enum Grouping {
        DAILY, WEEKLY, MONTHLY, SESSIONS, MODELS, PROJECTS, REPOS, BRANCHES;

        /** Rows that are days, weeks or months, so the time zone decides what falls into them. */
        public boolean byTime() {
            return this == DAILY || this == WEEKLY || this == MONTHLY;
        }
    }

    public UsageQuery {
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(project, "project");
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw new IllegalArgumentException("--until " + until.get() + " is before --since " + since.get());
        }
    }
}
