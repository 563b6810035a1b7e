package dev.ccotel.adapter.httpin;

import io.helidon.webserver.http.HttpRules;

/** Routes served on the OTLP/HTTP listener beside OTLP and the status routes, behind the same guard. */
public interface RouteSet {
    void register(HttpRules rules);
}
