package io.netrules.live;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command in a pod's container, as {@code oc exec} does; the live implementation is
 * {@link Fabric8NodeExec}. The fan-out ({@link ExecCollector}) only sees this interface, so its
 * logic (parallelism, time limits, failures) is tested without a cluster.
 */
public interface NodeExec {

    /** The command's exit status (null when the server did not say) and what it wrote to stderr. */
    record Result(Integer exitStatus, String stderr) {
    }

    /**
     * @param stdout receives the command's standard output as it comes
     * @throws TimeoutException when the command has not finished within the limit (it is then abandoned)
     * @throws IOException      when the exec could not be started or broke off
     */
    Result exec(String namespace, String pod, String container, List<String> command, OutputStream stdout,
                Duration timeout) throws IOException, TimeoutException, InterruptedException;
}
