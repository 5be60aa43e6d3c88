package io.netrules.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP connect to make, and what it stands for: a service's cluster IP ({@code service}) or one
 * of its endpoints ({@code endpointOf}). Written {@code HOST:PORT}, {@code HOST:PORT,service=NS/NAME}
 * or {@code HOST:PORT,endpointOf=NS/NAME} on the command line of {@code netrules probe}.
 */
public record TcpTarget(String host, int port, String service, String endpointOf) {
    private static final Pattern FORM = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[0-9A-Za-z.-]+):(\\d{1,5})(?:,(service|endpointOf)=([a-z0-9.-]+/[a-z0-9.-]+))?");

    public static TcpTarget parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT[,service=NS/NAME|,endpointOf=NS/NAME]");
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + port + " is out of range");
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        String what = m.group(3);
        return new TcpTarget(host, port, "service".equals(what) ? m.group(4) : null,
                "endpointOf".equals(what) ? m.group(4) : null);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return h + ":" + port + (service != null ? ",service=" + service : "")
                + (endpointOf != null ? ",endpointOf=" + endpointOf : "");
    }
}
