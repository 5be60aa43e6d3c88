package io.netrules.plugins.ovnkubernetes.model;

import io.netrules.model.Source;
import io.netrules.model.NodeFact;

/**
 * One IPsec security association as {@code ip xfrm state} shows it. {@code proto} is
 * {@code esp}, {@code ah} or {@code comp}; {@code spi} as printed ({@code 0xc1a2b3d4});
 * {@code mode} {@code transport} (OVN's IPsec) or {@code tunnel}; {@code encAlgo} the
 * {@code aead} or {@code enc} algorithm ({@code rfc4106(gcm(aes))}, {@code cbc(aes)}), null
 * when the stanza names none. Source: the stanza's {@code src ... dst ...} line.
 */
public record XfrmState(String node, String src, String dst, String proto, String spi, String mode,
                        String encAlgo, Source source) implements NodeFact {
}
