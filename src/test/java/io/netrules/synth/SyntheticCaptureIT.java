package io.netrules.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The scale test of the issue: 250 nodes × 30 pods, 125 services (about 300,000 flow lines), every
 * fault the generator knows injected; each gives its finding and nothing else is found. It runs
 * in the failsafe phase because it takes a minute or more on a busy 2-core machine (generating
 * 150 MB, then evaluating it); SyntheticCaptureTest runs the same check at 20 nodes.
 */
class SyntheticCaptureIT {
    @Test
    void at250NodesEveryInjectedFaultIsFoundAndNothingElse(@TempDir Path tmp) throws Exception {
        SyntheticCaptureTest.everyFaultIsFoundAndNothingElse(250, tmp);
    }
}
