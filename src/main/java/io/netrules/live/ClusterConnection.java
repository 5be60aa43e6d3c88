package io.netrules.live;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.client.OpenShiftClient;
import io.netrules.ExitCodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Connects to the API server as {@code oc} and kubectl would: {@code --kubeconfig} when given,
 * else {@code KUBECONFIG}, else {@code ~/.kube/config}, else the pod's service account; the
 * context is {@code --context} or the kubeconfig's current one. Every call gets the time limit,
 * and a failed call is retried at most once, so an unreachable server is reported in seconds.
 */
final class ClusterConnection {
    private ClusterConnection() {
    }

    /** The client, and the server it talks to (for messages and the report's title). */
    record Connected(OpenShiftClient client, String server, String context) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    static Connected open(Path kubeconfig, String context, Duration timeout, String userAgent) throws LiveException {
        Config config;
        try {
            if (kubeconfig != null) {
                if (!Files.isRegularFile(kubeconfig)) {
                    throw new LiveException(ExitCodes.BAD_INPUT, kubeconfig + ": kubeconfig file does not exist");
                }
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } else {
                config = Config.autoConfigure(context);
                if (config.getFile() == null && !inCluster() && System.getenv("KUBERNETES_MASTER") == null
                        && System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY) == null) {
                    throw new LiveException(ExitCodes.BAD_INPUT, "no cluster to talk to: no kubeconfig (--kubeconfig, "
                            + "KUBECONFIG, ~/.kube/config) and not running in a pod; log in with oc login first");
                }
            }
        } catch (KubernetesClientException | IllegalArgumentException e) {
            String where = kubeconfig != null ? kubeconfig + ": " : "";
            throw new LiveException(ExitCodes.BAD_INPUT, where + "cannot read the kubeconfig: "
                    + ApiFailure.firstLine(e.getMessage()));
        }
        if (context != null && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            String file = config.getFile() != null ? config.getFile() + ": " : "";
            throw new LiveException(ExitCodes.BAD_INPUT, file + "no context named " + context);
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setRequestTimeout(ms);
        config.setConnectionTimeout(ms);
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(500);
        config.setUserAgent(userAgent);
        // The kinds are listed at once and nodes are exec'd in parallel: let them all through.
        config.setMaxConcurrentRequests(256);
        config.setMaxConcurrentRequestsPerHost(256);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        String ctx = config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
        return new Connected(client.adapt(OpenShiftClient.class), config.getMasterUrl(), ctx);
    }

    private static boolean inCluster() {
        return System.getenv("KUBERNETES_SERVICE_HOST") != null
                && Files.isRegularFile(Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH));
    }
}
