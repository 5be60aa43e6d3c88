package io.netrules.plugins.ovnkubernetes.rules;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Address arithmetic the node-side OVN rules (gateway, host, tunnel) call from DRL: the Nth
 * address of a node subnet or of the masquerade subnet, and address comparisons that do not
 * depend on how a tool spells an address ({@code fd69::2} and {@code fd69:0:0:0:0:0:0:2} are
 * the same). IPv4 and IPv6; literals only (never a name lookup).
 */
public final class HostAddresses {
    private HostAddresses() {
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** The address part of {@code a.b.c.d/p} (or the whole string when it has no prefix). */
    public static String addressOf(String cidr) {
        if (cidr == null) {
            return null;
        }
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    /** The prefix length of a CIDR; 32/128 for a bare address; -1 when it is not one. */
    public static int prefixOf(String cidr) {
        byte[] b = bytes(addressOf(cidr));
        if (b == null) {
            return -1;
        }
        int max = b.length * 8;
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return max;
        }
        try {
            int p = Integer.parseInt(cidr.substring(slash + 1));
            return p < 0 || p > max ? -1 : p;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True for an IPv4 address or CIDR. */
    public static boolean isIpv4(String cidr) {
        String a = addressOf(cidr);
        return a != null && IPV4.matcher(a).matches() && bytes(a) != null;
    }

    /** True for an IPv6 address or CIDR. */
    public static boolean isIpv6(String cidr) {
        byte[] b = bytes(addressOf(cidr));
        return b != null && b.length == 16;
    }

    /** True when both are addresses (a prefix, if any, ignored) and are the same address. */
    public static boolean sameIp(String a, String b) {
        byte[] x = bytes(addressOf(a));
        byte[] y = bytes(addressOf(b));
        return x != null && y != null && java.util.Arrays.equals(x, y);
    }

    /** True when one of the addresses is {@code address} (prefixes ignored). */
    public static boolean anySameIp(Collection<String> addresses, String address) {
        if (addresses == null) {
            return false;
        }
        for (String a : addresses) {
            if (sameIp(a, address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when both name the same network: same prefix length and the same address once the
     * host bits are cleared ({@code 10.130.0.1/23} is {@code 10.130.0.0/23}); {@code default}
     * is {@code 0.0.0.0/0}.
     */
    public static boolean sameCidr(String a, String b) {
        BigInteger[] x = network(a);
        BigInteger[] y = network(b);
        return x != null && y != null && x[0].equals(y[0]) && x[1].equals(y[1]) && x[2].equals(y[2]);
    }

    /**
     * The {@code n}th address of a subnet (1 = network address + 1), printed as {@code ip}
     * prints it, or null when {@code cidr} is not a CIDR or the subnet is too small: for node
     * subnet {@code 10.130.0.0/23}, 1 is the pods' gateway {@code 10.130.0.1} (router port
     * {@code rtos-<node>}) and 2 the management port {@code 10.130.0.2} ({@code ovn-k8s-mp0});
     * for the masquerade subnet {@code 169.254.169.0/29}, 2 is the host's masquerade address and
     * 4 the next hop of the routes to services.
     */
    public static String nth(String cidr, int n) {
        BigInteger[] net = network(cidr);
        if (net == null || n < 0) {
            return null;
        }
        int bits = net[2].intValue();
        int prefix = net[1].intValue();
        if (BigInteger.valueOf(n).compareTo(BigInteger.ONE.shiftLeft(bits - prefix)) >= 0) {
            return null;
        }
        return print(net[0].add(BigInteger.valueOf(n)), bits / 8);
    }

    /** {@link #nth} with the subnet's prefix length ({@code 10.130.0.2/23}), or null. */
    public static String nthWithPrefix(String cidr, int n) {
        String a = nth(cidr, n);
        return a == null ? null : a + "/" + prefixOf(cidr);
    }

    /** The entries of the same address family as {@code like} (IPv4 with IPv4, IPv6 with IPv6). */
    public static List<String> sameFamily(Collection<String> cidrs, String like) {
        if (cidrs == null || like == null) {
            return List.of();
        }
        boolean v4 = isIpv4(like);
        return cidrs.stream().filter(c -> v4 ? isIpv4(c) : isIpv6(c)).toList();
    }

    /** {network, prefix, bits} with the host bits cleared, or null. */
    private static BigInteger[] network(String cidr) {
        if (cidr == null) {
            return null;
        }
        String c = cidr.equals("default") ? "0.0.0.0/0" : cidr;
        byte[] b = bytes(addressOf(c));
        int prefix = prefixOf(c);
        if (b == null || prefix < 0) {
            return null;
        }
        int bits = b.length * 8;
        BigInteger value = new BigInteger(1, b);
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger[] {value.and(mask), BigInteger.valueOf(prefix), BigInteger.valueOf(bits)};
    }

    /** The bytes of an IPv4 or IPv6 literal, or null (never a name lookup: only literals get here). */
    private static byte[] bytes(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (IPV4.matcher(address).matches()) {
            String[] parts = address.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (!IPV6.matcher(address).matches()) {
            return null;
        }
        try {
            byte[] out = InetAddress.getByName(address).getAddress();
            return out.length == 16 ? out : null;
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    /** An address as {@code ip} prints it (IPv6 in RFC 5952 form: lower case, longest zero run as ::). */
    private static String print(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, b, length - copy, copy);
        if (length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** True when {@code address} (a prefix, if any, ignored) lies in {@code cidr}; IPv4 or IPv6. */
    public static boolean contains(String cidr, String address) {
        BigInteger[] net = network(cidr);
        String a = addressOf(address);
        if (net == null || a == null) {
            return false;
        }
        BigInteger[] host = network(a);
        if (host == null || !host[2].equals(net[2])) {
            return false;
        }
        return sameCidr(a + "/" + net[1].intValue(), cidr);
    }
}
