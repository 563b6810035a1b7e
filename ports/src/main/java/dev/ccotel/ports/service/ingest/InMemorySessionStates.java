package dev.ccotel.ports.service.ingest;

import dev.ccotel.domain.SessionLedger;
import dev.ccotel.domain.SessionState;
import dev.ccotel.ports.out.LoadSessionStatePort;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Session states in the bounded in-memory ledger: the state of passthrough and dry-run daemons, lost on exit. */
public final class InMemorySessionStates implements LoadSessionStatePort {
    private final SessionLedger ledger;

    public InMemorySessionStates(SessionLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public Map<String, SessionState> load(Set<String> sessionIds) {
        return ledger.states(sessionIds);
    }

    @Override
    public Instant trustedSince() {
        return ledger.trustedSince();
    }

    void save(Collection<SessionState> states) {
        ledger.save(states);
    }
}
