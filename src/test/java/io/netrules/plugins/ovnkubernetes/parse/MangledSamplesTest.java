package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ParseWarning;
import io.netrules.model.NodeFact;
import io.netrules.parse.CommandParser;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample with each of its lines cut in half, dropped, or doubled: the parser ends
 * normally, each warning names the file and a line that exists, each fact is a NodeFact of the
 * file's node whose Source is a line that exists. (These parsers are not in the core registry
 * the fuzz test draws from; this is the deterministic part of what it would check.)
 */
class MangledSamplesTest {
    private record Case(String sample, Supplier<CommandParser> parser) {
    }

    private static final List<Case> CASES = List.of(
            new Case("ovs-vsctl_-t_5_list_Open_vSwitch", OvsOpenVswitchParser::new),
            new Case("ovs-vsctl_-t_5_list_interface", OvsInterfaceParser::new),
            new Case("ip_-s_-d_link", GeneveLinkParser::new),
            new Case("ovn-ipsec-host-x7k2p_state.log", XfrmStateParser::new),
            new Case("ovn-controller.log", OvnNodeLogParser::new),
            new Case("ovnkube-controller.log", OvnNodeLogParser::new));

    @TestFactory
    Stream<DynamicTest> mangledLinesNeverBreakTheParser() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.sample(), () -> {
            String[] lines = Samples.text(c.sample()).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String variant : variants(lines, i)) {
                    check(c, variant);
                }
            }
        }));
    }

    private static List<String> variants(String[] lines, int i) {
        List<String> out = new ArrayList<>();
        String[] cut = lines.clone();
        cut[i] = cut[i].substring(0, cut[i].length() / 2);
        out.add(String.join("\n", cut));
        List<String> dropped = new ArrayList<>(Arrays.asList(lines));
        dropped.remove(i);
        out.add(String.join("\n", dropped));
        List<String> doubled = new ArrayList<>(Arrays.asList(lines));
        doubled.add(i, lines[i]);
        out.add(String.join("\n", doubled));
        return out;
    }

    private static void check(Case c, String text) {
        int count = text.split("\n", -1).length;
        String file = "nodes/" + Samples.NODE + "/" + c.sample();
        ParseContext.Collecting r = assertDoesNotThrow(() -> Samples.parse(c.parser().get(), c.sample(), "x", text));
        for (ParseWarning w : r.warnings) {
            assertTrue(w.source().equals(file) && w.line() >= 1 && w.line() <= count, () -> "bad warning " + w);
        }
        for (Object f : r.facts) {
            NodeFact fact = (NodeFact) f;
            var s = fact.source();
            assertTrue(s.file().equals(file) && s.line() >= 1 && s.line() <= count, () -> "bad source " + f);
            assertTrue(fact.node().equals(Samples.NODE), () -> "bad node " + f);
        }
    }
}
