package dev.ccotel.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which :authority values name a listener, without a socket: the same cases as the OTLP/HTTP twin's. */
class ListenerAuthorityTest {
    @Test
    void loopbackListener_acceptsItsLoopbackNamesWithItsPortOnly() {
        ListenerAuthority a = ListenerAuthority.of("127.0.0.1");

        assertTrue(a.accepts("127.0.0.1:4318", 4318));
        assertTrue(a.accepts("localhost:4318", 4318));
        assertTrue(a.accepts("[::1]:4318", 4318));
        assertFalse(a.accepts("127.0.0.1:4317", 4318));
        assertFalse(a.accepts("127.0.0.1", 4318), "no port means 80");
        assertFalse(a.accepts("", 4318));
        assertFalse(a.accepts(null, 4318));
        assertFalse(a.accepts("[evil.example]:4318", 4318));
        assertFalse(a.accepts("::1:4318", 4318), "an IPv6 literal without brackets is no Host");
    }

    @Test
    void withoutAPort_onlyOnPort80() {
        ListenerAuthority a = ListenerAuthority.of("127.0.0.1");

        assertTrue(a.accepts("localhost", 80));
    }

    @Test
    void aListenerConfiguredElsewhere_acceptsThatAddressToo_andNoOtherName() {
        ListenerAuthority named = ListenerAuthority.of("192.168.1.20");
        ListenerAuthority v6 = ListenerAuthority.of("fd00::20");

        assertTrue(named.accepts("192.168.1.20:4318", 4318));
        assertTrue(named.accepts("localhost:4318", 4318));
        assertFalse(named.accepts("192.168.1.21:4318", 4318));
        assertTrue(v6.accepts("[fd00::20]:4318", 4318));
        assertTrue(v6.accepts("[FD00:0:0:0:0:0:0:20]:4318", 4318), "one address, however it is spelled");
    }

    @Test
    void aWildcardListener_acceptsThisMachinesAddressesAndTheWildcard_butNoName() {
        ListenerAuthority any = ListenerAuthority.of("0.0.0.0");

        assertTrue(any.accepts("127.0.0.1:4318", 4318), "loopback is one of this machine's interfaces");
        assertTrue(any.accepts("0.0.0.0:4318", 4318), "what ccotel status connects to");
        assertFalse(ListenerAuthority.of("127.0.0.1").accepts("0.0.0.0:4318", 4318), "but only when configured");
        assertFalse(any.accepts("attacker.example:4318", 4318));
    }
}
