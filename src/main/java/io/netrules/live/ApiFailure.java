package io.netrules.live;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netrules.collect.Durations;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a call to the API server failed, in words an administrator acts on: the permission that is
 * missing (verb and resource, as {@code oc auth can-i} names them), an API the server does not
 * serve, or that the server could not be reached at all.
 *
 * @param reachedServer false when no HTTP answer came back (refused, timed out, TLS, DNS): the
 *                      API server is unreachable rather than unwilling
 */
record ApiFailure(String reason, boolean reachedServer, int httpStatus) {

    static ApiFailure of(Throwable e, String verb, ClusterKind kind, String namespace, Duration timeout) {
        return of(e, verb, kind.resource(), kind.namespaced(), namespace, kind.group().isEmpty() ? null
                : kind.apiVersion() + " " + kind.plural(), timeout);
    }

    /**
     * @param openShiftApi for a kind of an OpenShift API group, how to name it when the server
     *                     does not serve it (404); null for core kinds
     */
    static ApiFailure of(Throwable e, String verb, String resource, boolean namespaced, String namespace,
                         String openShiftApi, Duration timeout) {
        KubernetesClientException kce = find(e, KubernetesClientException.class);
        int code = kce == null ? 0 : kce.getCode();
        String scope = !namespaced ? " (cluster-scoped)"
                : namespace == null ? " in all namespaces" : " in namespace " + namespace;
        if (code <= 0) {
            // No HTTP status: the request never got an answer.
            return new ApiFailure(unreachable(e, timeout), false, 0);
        }
        switch (code) {
            case 401:
                return new ApiFailure("unauthorized (401): the API server refused the credentials; log in again "
                        + "(oc login) or give another --kubeconfig/--context", true, code);
            case 403:
                return new ApiFailure("forbidden (403): needs \"" + verb + "\" on " + resource + scope, true, code);
            case 404:
                if (openShiftApi != null) {
                    return new ApiFailure("the API server does not serve " + openShiftApi
                            + " (not OpenShift, or not openshift-sdn)", true, code);
                }
                return new ApiFailure("not found (404): " + resource + scope, true, code);
            default:
                return new ApiFailure("HTTP " + code + ": " + firstLine(statusMessage(kce)), true, code);
        }
    }

    /** Why no HTTP answer came: refused, timed out, unknown host, TLS... */
    static String unreachable(Throwable e, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            String msg = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof ConnectException || msg.contains("Connection refused")) {
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException || msg.contains("No route to host")
                    || msg.contains("Network is unreachable")) {
                return "no route to the API server (" + firstLine(msg) + ")";
            }
            if (t instanceof SocketTimeoutException || name.contains("timeout")
                    || msg.toLowerCase(Locale.ROOT).contains("timed out")
                    || msg.contains("timeout period")) {
                return "no answer within " + (timeout == null ? "the time limit" : Durations.format(timeout));
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + firstLine(msg);
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + firstLine(msg);
            }
            if (t instanceof java.io.EOFException || msg.contains("Connection was closed")
                    || msg.contains("unexpected end of stream") || msg.contains("Connection reset")) {
                return "the connection was closed before the whole answer came (" + firstLine(msg) + ")";
            }
            if (t instanceof FileNotFoundException) {
                return firstLine(msg);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() != null ? root.getMessage() : root.toString());
    }

    private static String statusMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
