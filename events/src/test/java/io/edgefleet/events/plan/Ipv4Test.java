package io.edgefleet.events.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The address plan's arithmetic and the MAC rule of the contract. */
class Ipv4Test {

    @Test
    void parsesAndFormatsEveryOctetBoundary() {
        assertEquals(0L, Ipv4.parse("0.0.0.0"));
        assertEquals(0xFFFF_FFFFL, Ipv4.parse("255.255.255.255"));
        assertEquals(0x0A2A_0011L, Ipv4.parse("10.42.0.17"));
        assertEquals("10.42.0.17", Ipv4.format(0x0A2A_0011L));
        assertEquals("255.255.255.255", Ipv4.format(0xFFFF_FFFFL));
        for (String bad : List.of("10.42.0", "10.42.0.256", "10.42.0.-1", "10.42..1", "a.b.c.d", "10.42.0.1.2", "1000.1.1.1")) {
            assertThrows(IllegalArgumentException.class, () -> Ipv4.parse(bad), bad);
        }
    }

    @Test
    void subnetBounds() {
        assertEquals(Ipv4.parse("10.42.0.0"), Ipv4.network("10.42.0.0/24"));
        assertEquals(Ipv4.parse("10.42.0.255"), Ipv4.broadcast("10.42.0.0/24"));
        assertEquals(Ipv4.parse("10.42.0.0"), Ipv4.network("10.42.0.77/24"));
        assertEquals(Ipv4.parse("10.42.0.77"), Ipv4.broadcast("10.42.0.77/32"));
        assertEquals(0xFFFF_FFFFL, Ipv4.broadcast("0.0.0.0/0"));
        assertTrue(Ipv4.contains("10.42.0.0/23", Ipv4.parse("10.42.1.200")));
        assertFalse(Ipv4.contains("10.42.0.0/24", Ipv4.parse("10.42.1.0")));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.prefixLength("10.42.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.prefixLength("10.42.0.0"));
    }

    @Test
    void theMacIsTheLocallyAdministeredPrefixAndTheAddressBytes() {
        assertEquals("02:ef:0a:2a:00:11", Ipv4.macFor("10.42.0.17"));
        assertEquals("02:ef:c0:a8:ff:fe", Ipv4.macFor("192.168.255.254"));
        // Bit 1 of the first octet (locally administered) set, bit 0 (multicast) clear.
        int first = Integer.parseInt(Ipv4.macFor("10.0.0.1").substring(0, 2), 16);
        assertEquals(2, first & 3);
    }
}
