package io.netrules.model;

/**
 * The answer of {@code ping -c 3 <target>} on a node. {@code transmitted}/{@code received}
 * come from the statistics line; {@code lossPercent} is the printed loss (null when the line
 * has none); {@code rttAvgMs} is the average of the {@code rtt min/avg/max/mdev} (or
 * {@code round-trip ...}) line, null when nothing answered. {@code error} is set when ping could
 * not send at all ({@code connect: Network is unreachable}, {@code unknown host},
 * {@code Name or service not known}: then transmitted and received are 0) or, with statistics,
 * holds the first per-packet error it printed ({@code Destination Host Unreachable},
 * {@code Frag needed and DF set (mtu = 1450)}, {@code sendmsg: Operation not permitted}).
 * Source: the statistics line, or the error line when there is none.
 */
public record PingResult(String node, String target, int transmitted, int received, Double lossPercent,
                         Double rttAvgMs, String error, Source source) implements NodeFact {
    /** At least one reply came back. */
    public boolean answered() {
        return received > 0;
    }
}
