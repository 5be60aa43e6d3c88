package io.netrules.model;

import java.util.List;

/** A node's {@code /etc/resolv.conf}: name servers, search list and options, in file order. */
public record ResolvConf(String node, List<String> nameservers, List<String> search, List<String> options,
                         Source source) implements NodeFact {
    public ResolvConf {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        search = search == null ? List.of() : List.copyOf(search);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
