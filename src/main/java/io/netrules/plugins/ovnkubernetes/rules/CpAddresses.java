package io.netrules.plugins.ovnkubernetes.rules;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Locale;

/**
 * IPv4 and IPv6 address arithmetic for the control-plane, egress and MTU rules: API objects
 * (EgressIPs, EgressFirewall {@code cidrSelector}s, node annotations) write either family, and
 * the same IPv6 address in several forms ({@code fd00::5}, {@code fd00:0:0:0:0:0:0:5}). Only
 * literals are parsed: a name is never resolved (rules read captured data, never the network).
 */
public final class CpAddresses {
    private CpAddresses() {
    }

    /** An address literal (optionally with {@code /prefix}, which is dropped) as 4 or 16 bytes, or null. */
    static byte[] bytes(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(0, slash);
        }
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.contains(":") ? ipv6(a) : ipv4(a);
    }

    private static byte[] ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            Integer v = number(parts[i], 10, 3);
            if (v == null || v > 255) {
                return null;
            }
            out[i] = (byte) (int) v;
        }
        return out;
    }

    private static byte[] ipv6(String a) {
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        byte[] tail4 = null;
        int lastColon = a.lastIndexOf(':');
        if (a.indexOf('.', lastColon) > 0) {
            // An embedded IPv4 tail (::ffff:10.0.0.1) stands for the last two groups.
            tail4 = ipv4(a.substring(lastColon + 1));
            if (tail4 == null) {
                return null;
            }
            a = a.substring(0, lastColon + 1) + "0:0";
        }
        int dc = a.indexOf("::");
        if (dc >= 0 && a.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String[] head = dc < 0 ? a.split(":", -1) : groups(a.substring(0, dc));
        String[] tail = dc < 0 ? new String[0] : groups(a.substring(dc + 2));
        if ((dc < 0 && head.length != 8) || head.length + tail.length > (dc < 0 ? 8 : 7)) {
            return null;
        }
        int[] g = new int[8];
        for (int i = 0; i < head.length; i++) {
            Integer v = number(head[i], 16, 4);
            if (v == null) {
                return null;
            }
            g[i] = v;
        }
        for (int i = 0; i < tail.length; i++) {
            Integer v = number(tail[i], 16, 4);
            if (v == null) {
                return null;
            }
            g[8 - tail.length + i] = v;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (g[i] >> 8);
            out[2 * i + 1] = (byte) g[i];
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return out;
    }

    private static String[] groups(String s) {
        return s.isEmpty() ? new String[0] : s.split(":", -1);
    }

    private static Integer number(String s, int radix, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return null;
        }
        try {
            return Integer.parseInt(s, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when the text is an IPv4 or IPv6 address literal (a prefix is allowed and ignored). */
    public static boolean isAddress(String address) {
        return bytes(address) != null;
    }

    /** True when the address is IPv6. */
    public static boolean isIpv6(String address) {
        byte[] b = bytes(address);
        return b != null && b.length == 16;
    }

    /** True when both are the same address, whatever their spelling ({@code fd00::5} = {@code FD00:0::5}). */
    public static boolean sameAddress(String a, String b) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        return x != null && y != null && java.util.Arrays.equals(x, y);
    }

    /**
     * True when the address lies in the CIDR (same family; host bits of the CIDR are ignored, a
     * CIDR without a prefix is a single address).
     */
    public static boolean inCidr(String address, String cidr) {
        byte[] a = bytes(address);
        byte[] n = bytes(cidr);
        if (a == null || n == null || a.length != n.length) {
            return false;
        }
        int bits = a.length * 8;
        int prefix = bits;
        int slash = cidr.indexOf('/');
        if (slash >= 0) {
            Integer p = number(cidr.substring(slash + 1).strip(), 10, 3);
            if (p == null || p > bits) {
                return false;
            }
            prefix = p;
        }
        for (int i = 0; i < prefix; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** True when one of the CIDRs contains the address. */
    public static boolean inAnyCidr(Collection<String> cidrs, String address) {
        if (cidrs == null) {
            return false;
        }
        for (String c : cidrs) {
            if (inCidr(address, c)) {
                return true;
            }
        }
        return false;
    }

    /** The prefix length of a CIDR, or -1 when it has none or it is not a number. */
    public static int prefixLength(String cidr) {
        if (cidr == null || cidr.indexOf('/') < 0 || bytes(cidr) == null) {
            return -1;
        }
        Integer p = number(cidr.substring(cidr.indexOf('/') + 1).strip(), 10, 3);
        return p == null ? -1 : p;
    }

    /** The address fully expanded, lower case, each group of four hex digits: {@code fd00:0000:...:0005}. */
    static String expandedIpv6(String address) {
        byte[] b = bytes(address);
        if (b == null || b.length != 16) {
            return null;
        }
        String hex = String.format(Locale.ROOT, "%032x", new BigInteger(1, b));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 32; i += 4) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 4);
        }
        return out.toString();
    }
}
