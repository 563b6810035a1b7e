package dev.ccotel.ports.in;

/** {@code ccotel hub member remove NAME}: the token is refused from the next request on. */
public interface RemoveMemberUseCase {
    /** False when there is no such member. */
    boolean remove(String name);
}
