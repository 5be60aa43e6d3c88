package io.netrules.rules;

import java.util.Map;

/**
 * Small pure functions that DRL constraints call ({@code import function}), for what DRL
 * cannot say directly: label selectors and address arithmetic.
 */
public final class Rules {
    private Rules() {
    }

    /** True when every key=value of a non-empty selector is among the labels (Kubernetes equality selector). */
    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty() || labels == null) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** IPv4 address to a 32-bit number, or -1 when it is not a dotted quad. */
    public static long ipv4(String address) {
        if (address == null) {
            return -1;
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return -1;
            }
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                return -1;
            }
            if (octet < 0 || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
        }
        return value;
    }

    /** True when the IPv4 address lies inside the CIDR (a bare address counts as /32). */
    public static boolean inCidr(String address, String cidr) {
        if (address == null || cidr == null) {
            return false;
        }
        String a = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        int slash = cidr.indexOf('/');
        long net = ipv4(slash < 0 ? cidr : cidr.substring(0, slash));
        long ip = ipv4(a);
        if (net < 0 || ip < 0) {
            return false;
        }
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (prefix < 0 || prefix > 32) {
            return false;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (ip & mask) == (net & mask);
    }
}
