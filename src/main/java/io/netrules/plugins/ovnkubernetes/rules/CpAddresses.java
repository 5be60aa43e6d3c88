package io.netrules.plugins.ovnkubernetes.rules;

import java.util.Collection;
import java.util.Locale;

import io.netrules.rules.IpAddresses;

/**
 * Address questions of the control-plane, egress and MTU rules: API objects (EgressIPs,
 * EgressFirewall {@code cidrSelector}s, node annotations) write either family, and the same
 * IPv6 address in several forms ({@code fd00::5}, {@code fd00:0:0:0:0:0:0:5}). The parsing and
 * arithmetic are {@link IpAddresses}'; these are the names the rules call.
 */
public final class CpAddresses {
    private CpAddresses() {
    }

    /** True when the text is an IPv4 or IPv6 address literal (a prefix is allowed and ignored). */
    public static boolean isAddress(String address) {
        return IpAddresses.parse(address) != null;
    }

    /** True when the address is IPv6. */
    public static boolean isIpv6(String address) {
        return IpAddresses.family(address) == 6;
    }

    /** True when both are the same address, whatever their spelling ({@code fd00::5} = {@code FD00:0::5}). */
    public static boolean sameAddress(String a, String b) {
        return IpAddresses.sameAddress(a, b);
    }

    /**
     * True when the address lies in the CIDR (same family; host bits of the CIDR are ignored, a
     * CIDR without a prefix is a single address).
     */
    public static boolean inCidr(String address, String cidr) {
        return IpAddresses.inCidr(address, cidr);
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

    /** The prefix length of a CIDR, or -1 when it has none or it is not a CIDR. */
    public static int prefixLength(String cidr) {
        return cidr == null || cidr.indexOf('/') < 0 ? -1 : IpAddresses.prefixLength(cidr);
    }

    /** The address fully expanded, lower case, each group of four hex digits: {@code fd00:0000:...:0005}. */
    static String expandedIpv6(String address) {
        IpAddresses.Net n = IpAddresses.parse(address);
        if (n == null || n.bits() != 128) {
            return null;
        }
        String hex = String.format(Locale.ROOT, "%032x", n.addr());
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
