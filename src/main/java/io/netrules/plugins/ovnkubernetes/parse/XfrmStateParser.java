package io.netrules.plugins.ovnkubernetes.parse;

import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;
import io.netrules.plugins.ovnkubernetes.model.XfrmState;

/**
 * Reads {@code ip xfrm state} (must-gather {@code network_logs/ipsec/xfrm/<ovn-ipsec pod>_state.log},
 * or the command run on the node), one stanza per security association:
 * <pre>
 * src 10.0.128.5 dst 10.0.128.6
 * 	proto esp spi 0xc1a2b3d4 reqid 16389 mode transport
 * 	replay-window 0 flag esn
 * 	aead rfc4106(gcm(aes)) 0x3a6b1f0c9d2e8a7b5c4d3e2f1a0b9c8d7e6f5a4b 128
 * 	lastused 2024-01-02 03:04:05
 * 	anti-replay esn context:
 * 	 seq-hi 0x0, seq 0x0, oseq-hi 0x0, oseq 0x2f1
 * 	 replay_window 128, bitmap-length 4
 * 	 00000000 00000000 00000000 00000000
 * 	sel src 10.0.128.5/32 dst 10.0.128.6/32 proto udp dport 6081
 * </pre>
 * Emits one {@link XfrmState} per stanza that has its {@code proto ... spi ...} line (Source:
 * the {@code src ... dst ...} line); {@code encAlgo} is the {@code aead} or {@code enc}
 * algorithm. Indented lines other than those are passed over (their set grows with each
 * kernel); a stanza without a {@code proto} line, and an unindented line that does not start
 * a stanza, are warnings (or the tool's failure).
 */
public class XfrmStateParser implements CommandParser {
    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        Stanza stanza = null;
        for (Line line : lines) {
            String text = line.text();
            if (text.isBlank()) {
                continue;
            }
            String[] t = text.strip().split("\\s+");
            boolean indented = Character.isWhitespace(text.charAt(0));
            if (!indented) {
                flush(stanza, ctx);
                stanza = null;
                if (t.length >= 4 && t[0].equals("src") && t[2].equals("dst")) {
                    stanza = new Stanza(line, t[1], t[3]);
                } else {
                    ToolErrorKind failure = ToolFailures.classify(text);
                    if (failure != null) {
                        ctx.toolFailed(failure, line);
                    } else {
                        ctx.warn(line, "not the start of an xfrm state");
                    }
                }
                continue;
            }
            if (stanza == null) {
                ctx.warn(line, "xfrm state detail outside a state");
                continue;
            }
            switch (t[0]) {
                case "proto" -> {
                    stanza.proto = t.length > 1 ? t[1] : null;
                    stanza.spi = value(t, "spi");
                    stanza.mode = value(t, "mode");
                }
                case "aead", "enc" -> {
                    if (stanza.encAlgo == null && t.length > 1) {
                        stanza.encAlgo = t[1];
                    }
                }
                default -> {
                    // replay, lifetime, selector, statistics lines: nothing a rule reads
                }
            }
        }
        flush(stanza, ctx);
    }

    private static String value(String[] t, String key) {
        for (int i = 0; i + 1 < t.length; i++) {
            if (t[i].equals(key)) {
                return t[i + 1];
            }
        }
        return null;
    }

    private static void flush(Stanza s, ParseContext ctx) {
        if (s == null) {
            return;
        }
        if (s.proto == null) {
            ctx.warn(s.header, "xfrm state " + s.src + " -> " + s.dst + " without its proto line");
            return;
        }
        ctx.emit(new XfrmState(ctx.node(), s.src, s.dst, s.proto, s.spi, s.mode, s.encAlgo, ctx.source(s.header)));
    }

    /** The state being read. */
    private static final class Stanza {
        final Line header;
        final String src;
        final String dst;
        String proto;
        String spi;
        String mode;
        String encAlgo;

        Stanza(Line header, String src, String dst) {
            this.header = header;
            this.src = src;
            this.dst = dst;
        }
    }
}
