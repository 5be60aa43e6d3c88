package io.netrules.live;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link NodeExec} through the API server's exec subresource (a WebSocket GET), as {@code oc exec}. */
final class Fabric8NodeExec implements NodeExec {
    private final KubernetesClient client;
    private final Duration readyWait;

    Fabric8NodeExec(KubernetesClient client) {
        this(client, null);
    }

    /**
     * @param readyWait at most this long waiting for the pod to be ready (null: the exec's whole
     *                  time limit); the client then execs all the same, so a pod known not to be
     *                  ready (a database member failing its readiness probe) gets a short wait
     */
    Fabric8NodeExec(KubernetesClient client, Duration readyWait) {
        this.client = client;
        this.readyWait = readyWait;
    }

    @Override
    public Result exec(String namespace, String pod, String container, List<String> command, OutputStream stdout,
                       Duration timeout) throws IOException, TimeoutException, InterruptedException {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ExecWatch watch;
        try {
            watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                    // The client waits for the pod to be ready before it execs (a list, then a watch);
                    // live mode only picks ready pods, so the wait ends at once.
                    .withReadyWaitTimeout((int) Math.min(Integer.MAX_VALUE,
                            readyWait == null ? timeout.toMillis() : Math.min(readyWait.toMillis(), timeout.toMillis())))
                    .writingOutput(stdout).writingError(new Capped(stderr, 64 * 1024))
                    .exec(command.toArray(String[]::new));
        } catch (KubernetesClientException e) {
            throw new IOException(e.getMessage(), e);
        }
        try (watch) {
            Integer status = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(status, stderr.toString(StandardCharsets.UTF_8));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    /** Keeps the first bytes of stderr: enough to say why, never a node's worth of noise. */
    private static final class Capped extends OutputStream {
        private final ByteArrayOutputStream out;
        private final int max;

        Capped(ByteArrayOutputStream out, int max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(int b) {
            if (out.size() < max) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int n = Math.min(len, max - out.size());
            if (n > 0) {
                out.write(b, off, n);
            }
        }
    }
}
