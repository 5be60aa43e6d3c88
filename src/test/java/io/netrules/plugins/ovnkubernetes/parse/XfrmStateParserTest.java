package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ParseWarning;
import io.netrules.parse.ParseContext;
import io.netrules.plugins.ovnkubernetes.model.XfrmState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class XfrmStateParserTest {
    private static final String FILE = "ovn-ipsec-host-x7k2p_state.log";

    private static ParseContext.Collecting parse(String text) {
        return Samples.parse(new XfrmStateParser(), FILE, "xfrm-state", text);
    }

    @Test
    void readsEverySecurityAssociation() {
        var r = parse(Samples.text(FILE));
        assertEquals(List.of(), r.warnings);
        List<XfrmState> states = r.facts(XfrmState.class);
        assertEquals(List.of("10.0.128.5>10.0.128.6", "10.0.128.6>10.0.128.5", "10.0.128.5>10.0.128.7"),
                states.stream().map(s -> s.src() + ">" + s.dst()).toList());
        XfrmState out = states.get(0);
        assertEquals("esp", out.proto());
        assertEquals("0xc1a2b3d4", out.spi());
        assertEquals("transport", out.mode());
        assertEquals("rfc4106(gcm(aes))", out.encAlgo());
        assertEquals(1, out.source().line());
        assertEquals("src 10.0.128.5 dst 10.0.128.6", out.source().text());
        assertEquals(11, states.get(1).source().line());
        assertEquals("0x8f7e6d5c", states.get(1).spi());
        assertEquals("cbc(aes)", states.get(2).encAlgo());
        assertEquals(Samples.NODE, out.node());
    }

    @Test
    void anEmptyStateTableGivesNoStateAndNoWarning() {
        var r = parse("");
        assertEquals(List.of(), r.facts(XfrmState.class));
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void junkAndAStanzaWithoutProtoAreWarnings() {
        var r = parse("""
                not xfrm output
                src 10.0.128.5 dst 10.0.128.6
                \treplay-window 0
                src 10.0.128.6 dst 10.0.128.5
                \tproto esp spi 0x8f7e6d5c reqid 16389 mode transport
                """);
        assertEquals(List.of(1, 2), r.warnings.stream().map(ParseWarning::line).sorted().toList());
        assertEquals(List.of("0x8f7e6d5c"), r.facts(XfrmState.class).stream().map(XfrmState::spi).toList());
    }
}
