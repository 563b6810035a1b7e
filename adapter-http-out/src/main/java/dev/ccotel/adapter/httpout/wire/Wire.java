package dev.ccotel.adapter.httpout.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The backend's JSON shapes that ccotel reads. What it sends is written straight from the domain
 * records by {@link WireWriter}, so the request's field list is not repeated here.
 */
final class Wire {
    private Wire() {}

    /** The backend's answer; read leniently because only {@code message} is ever shown to anyone. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Response(Boolean success, Long eventsProcessed, Long metricsProcessed, String message) {}
}
