package dev.ccotel.ports.service.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccotel.ports.fakes.InMemoryMembers;
import dev.ccotel.ports.in.AddMemberUseCase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembersServiceTest {
    private final InMemoryMembers store = new InMemoryMembers();
    private final MembersService members = new MembersService(store, new SecureRandom(),
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    private final IdentifyMemberService identify = new IdentifyMemberService(store);

    @Test
    void addedMembersToken_identifiesThem_andOnlyItsHashIsKept() {
        AddMemberUseCase.Added ada = members.add("ada").orElseThrow();
        assertTrue(ada.token().startsWith(MemberTokens.PREFIX));
        assertEquals(Optional.of(ada.member()), identify.identify(ada.token()));
        assertFalse(store.hashes().contains(ada.token()), "the token itself is not kept");
        assertFalse(ada.toString().contains(ada.token()), "nor printed by accident");
    }

    @Test
    void tokensDiffer_namesAreUnique_andRemovalRevokesAtOnce() {
        AddMemberUseCase.Added ada = members.add("ada").orElseThrow();
        AddMemberUseCase.Added bob = members.add("bob").orElseThrow();
        assertNotEquals(ada.token(), bob.token());
        assertEquals(Optional.empty(), members.add("ada"));

        assertTrue(members.remove("ada"));
        assertEquals(Optional.empty(), identify.identify(ada.token()));
        assertEquals(Optional.of(bob.member()), identify.identify(bob.token()));
        assertFalse(members.remove("ada"));
    }

    @Test
    void wrongTokensAndBadNames_areRefused() {
        members.add("ada").orElseThrow();
        assertEquals(Optional.empty(), identify.identify("ccotel_hub_guess"));
        assertEquals(Optional.empty(), identify.identify("someone-elses-token"));
        assertEquals(Optional.empty(), identify.identify(null));
        assertThrows(IllegalArgumentException.class, () -> members.add("a b"));
        assertThrows(IllegalArgumentException.class, () -> members.add(""));
    }
}
