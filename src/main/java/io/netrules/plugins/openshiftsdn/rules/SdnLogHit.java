package io.netrules.plugins.openshiftsdn.rules;

import java.util.List;

/**
 * What {@link SdnLogScan} found in one SDN log: the finding's subject ({@code unit/origin-node}
 * or {@code pod/openshift-sdn/sdn-xxxxx}), how the text names the log, the error it names (the
 * latest), the OVS rule that failed (NR-LOG-002; "" otherwise), how many failed (script runs,
 * or rules added) and the log lines that show the latest of them, in log order. A DRL rule binds
 * {@code evidence} so that those lines become the finding's evidence.
 */
public record SdnLogHit(String subject, String log, String error, String flow, int count, List<Object> evidence) {
    public SdnLogHit {
        evidence = List.copyOf(evidence);
    }
}
