package io.netrules.capture;

import io.netrules.TestPaths;
import io.netrules.model.ParseWarning;
import io.netrules.parse.iptables.IptablesListParser;
import io.netrules.parse.iptables.IptablesSaveParser;
import io.netrules.parse.probe.PingParser;
import io.netrules.parse.probe.TracepathParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The registry sends each capture file to its parser, most preferred source first. */
class FactSourcesTest {
    private static String file(String name) {
        return FactSources.match(name).orElseThrow(() -> new AssertionError("no source for " + name)).source()
                .fileName();
    }

    @Test
    void probeFilesAreReadPerTarget() {
        var ping = FactSources.match("ping_-c_3_10.0.0.2").orElseThrow();
        assertEquals(FactSources.PING, ping.source().input());
        assertEquals("10.0.0.2", ping.target());
        assertInstanceOf(PingParser.class, ping.source().parser().get());
        var trace = FactSources.match("tracepath_10.0.0.3").orElseThrow();
        assertEquals(FactSources.TRACEPATH, trace.source().input());
        assertEquals("10.0.0.3", trace.target());
        assertInstanceOf(TracepathParser.class, trace.source().parser().get());
    }

    @Test
    void jsonAndListingFormsComeAfterTheirPreferredForms() {
        assertEquals(List.of("ip_-d_address", "ip_address", "ip_-o_addr", "ip_-j_address"),
                FactSources.forInput(FactSources.IP_ADDRESS).stream().map(FactSource::fileName).toList());
        assertEquals(List.of("ip_route_show_table_all", "ip_route", "ip_-j_route"),
                FactSources.forInput(FactSources.IP_ROUTE).stream().map(FactSource::fileName).toList());
        // RHCOS sosreports: the iptables-nft listings first, the nft ruleset after them.
        assertEquals(List.of("iptables-save", "iptables_-t_filter_-nvL", "iptables_-vnxL", "nft_list_ruleset",
                        "nft_-a_list_ruleset"),
                FactSources.forInput(FactSources.IPTABLES_FILTER).stream().map(FactSource::fileName).toList());
        assertEquals(List.of("iptables-save", "iptables_-t_nat_-nvL", "nft_list_ruleset", "nft_-a_list_ruleset"),
                FactSources.forInput(FactSources.IPTABLES_NAT).stream().map(FactSource::fileName).toList());
        assertEquals("ip_-j_route", file("ip_-j_route"));
    }

    @Test
    void aSosreportNodeReadsTheFilterAndNatListings() throws Exception {
        List<ParseWarning> warnings = new ArrayList<>();
        NodeFolder folder = NodeFolder.index(TestPaths.sample("healthy-3node-sosreport").resolve("nodes/node-3"),
                "node-3", "nodes/node-3/", warnings);
        assertEquals(List.of(), warnings);
        var filter = folder.inputs().get(FactSources.IPTABLES_FILTER);
        assertEquals(List.of("nodes/node-3/sos_commands/networking/iptables_-t_filter_-nvL"),
                filter.stream().map(NodeFolder.InputFile::display).toList());
        var nat = folder.inputs().get(FactSources.IPTABLES_NAT);
        assertEquals(List.of("nodes/node-3/sos_commands/networking/iptables_-t_nat_-nvL"),
                nat.stream().map(NodeFolder.InputFile::display).toList());
        assertInstanceOf(IptablesListParser.class, nat.get(0).source().parser().get());
        assertEquals(null, folder.inputs().get(FactSources.PING), "a sosreport has no ping files");
    }

    @Test
    void aCollectedNodeStillReadsIptablesSaveAndItsProbes() throws Exception {
        List<ParseWarning> warnings = new ArrayList<>();
        NodeFolder folder = NodeFolder.index(TestPaths.sample("healthy-3node").resolve("nodes/node-1"), "node-1",
                "nodes/node-1/", warnings);
        assertEquals(List.of(), warnings);
        assertInstanceOf(IptablesSaveParser.class,
                folder.inputs().get(FactSources.IPTABLES_NAT).get(0).source().parser().get());
        assertEquals(List.of("10.0.0.2", "10.0.0.3"),
                folder.inputs().get(FactSources.PING).stream().map(NodeFolder.InputFile::target).toList());
        assertEquals(List.of("10.0.0.2", "10.0.0.3"),
                folder.inputs().get(FactSources.TRACEPATH).stream().map(NodeFolder.InputFile::target).toList());
    }
}
