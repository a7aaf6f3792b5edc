package io.edgefleet.events.plan;

/**
 * IPv4 arithmetic for the address plan (ADR 0020): dotted quads as unsigned 32-bit values held in
 * a {@code long}, CIDR bounds, and the MAC address a microVM's IP implies.
 *
 * <p>The MAC is {@code 02:ef:} followed by the four address bytes: the {@code 02} bit makes it
 * locally administered (never a vendor's), and deriving it from the IP makes it unique exactly
 * when the address is, stable for the microVM's life, and computable by anyone holding the plan.
 */
public final class Ipv4 {

    private Ipv4() {
    }

    /**
     * The address as an unsigned value.
     *
     * @throws IllegalArgumentException if it is not four decimal octets 0-255
     */
    public static long parse(String address) {
        if (address == null) {
            throw new IllegalArgumentException("no IPv4 address");
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** The dotted quad of an unsigned value. */
    public static String format(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an IPv4 value: " + value);
        }
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }

    /** The prefix length of a CIDR such as {@code 10.42.0.0/24}. */
    public static int prefixLength(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        String bits = cidr.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)
                || Integer.parseInt(bits) > 32) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        return Integer.parseInt(bits);
    }

    /** The address part of a CIDR, as written (host bits included). */
    public static long cidrAddress(String cidr) {
        prefixLength(cidr);
        return parse(cidr.substring(0, cidr.indexOf('/')));
    }

    /** The netmask of a prefix length, as an unsigned value. */
    public static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
    }

    /** The subnet's lowest address (its network address). */
    public static long network(String cidr) {
        return cidrAddress(cidr) & mask(prefixLength(cidr));
    }

    /** The subnet's highest address (its broadcast address). */
    public static long broadcast(String cidr) {
        return network(cidr) | (~mask(prefixLength(cidr)) & 0xFFFF_FFFFL);
    }

    /** True when the address lies inside the subnet. */
    public static boolean contains(String cidr, long address) {
        return address >= network(cidr) && address <= broadcast(cidr);
    }

    /** The MAC address of a microVM holding this IPv4 address: {@code 02:ef:} and the four address bytes, lower-case hex. */
    public static String macFor(String address) {
        long value = parse(address);
        return String.format("02:ef:%02x:%02x:%02x:%02x",
                (value >> 24) & 0xFF, (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF);
    }
}
