package io.netrules.model;

import java.util.List;
import java.util.Map;

/** A Service: its cluster IP, selector and ports. A service without selector has hand-made endpoints. */
public record Service(String namespace, String name, String type, String clusterIP, Map<String, String> selector,
                      List<ServicePort> ports, Source source) implements Sourced {
    public Service {
        selector = selector == null ? Map.of() : Map.copyOf(selector);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public boolean hasSelector() {
        return !selector.isEmpty();
    }

    /** The selector as {@code oc} takes it: {@code key=value,key=value}, keys sorted; "" when none. */
    public String selectorText() {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(selector).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}
