package dev.ccotel.ports.in;

/** Sends what waits in the outbox to the backend, oldest first, until it is empty or the backend stops taking it. */
public interface ForwardPendingUseCase {
    ForwardRound forwardPending();
}
