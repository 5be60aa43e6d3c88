package io.netrules.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.netrules.engine.Parallel;

/**
 * Active probes from where netrules runs, the way an administrator would try by hand: look the
 * name up, connect to each address, and send one HTTP request without checking the certificate
 * ({@code curl -k}). Each probe is bounded by the time limit; nothing it sends changes anything
 * (a TCP connect that is closed at once, one GET without following redirects).
 */
public final class Prober implements AutoCloseable {
    private final String from;
    private final Duration timeout;
    private final String userAgent;
    private final ExecutorService pool;

    /**
     * @param from who probes, as probes.jsonl names it: {@code client}, {@code node/<name>}
     */
    public Prober(String from, Duration timeout, String userAgent) {
        this.from = from;
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "netrules-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** A URL as {@code --url} takes it: http or https, with a host. */
    /** A URL without the user:password part (kubeconfig servers and --url values may carry one). */
    public static String withoutUserInfo(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            if (u.getRawUserInfo() == null) {
                return url;
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            int scheme = url.indexOf("://");
            int at = url.indexOf('@', Math.max(0, scheme));
            return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
        }
    }

    public static URI checkUrl(String url) throws IllegalArgumentException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url + ": not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(url + ": not an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(url + ": no host in the URL");
        }
        return uri;
    }

    /** DNS lookup of the URL's host (not for an address), a TCP connect to each address, one HTTP request. */
    public List<ProbeLine> url(String url) {
        URI uri = checkUrl(url);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        List<ProbeLine> lines = new ArrayList<>();
        List<String> addresses;
        if (isAddress(host)) {
            addresses = List.of(host);
        } else {
            ProbeLine dns = dns(host);
            lines.add(dns);
            addresses = dns.answers() == null ? List.of() : dns.answers();
        }
        List<Future<ProbeLine>> tcp = new ArrayList<>();
        for (String a : addresses) {
            tcp.add(pool.submit(() -> tcp(a, port, null, null)));
        }
        Future<ProbeLine> http = pool.submit(() -> http(url));
        tcp.forEach(f -> lines.add(Parallel.get(f)));
        lines.add(Parallel.get(http));
        return lines;
    }

    /** Looks a name up; no answer within the time limit is result {@code timeout} with no answers. */
    public ProbeLine dns(String name) {
        Future<InetAddress[]> f = pool.submit(() -> InetAddress.getAllByName(name));
        try {
            InetAddress[] all = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> answers = new ArrayList<>();
            for (InetAddress a : all) {
                String s = a.getHostAddress();
                if (!answers.contains(s)) {
                    answers.add(s);
                }
            }
            return ProbeLine.dns(from, name, answers, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return ProbeLine.dns(from, name, null, ProbeLine.TIMEOUT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                return ProbeLine.dns(from, name, List.of(), null);
            }
            return new ProbeLine(from, "dns", name, null, null, null, null, null, null, ProbeLine.ERROR, null,
                    String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeLine.dns(from, name, null, ProbeLine.ERROR);
        }
    }

    /** Connects and closes at once. */
    public ProbeLine tcp(String host, int port, String service, String endpointOf) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(host), port), millis());
            return ProbeLine.tcp(from, host, port, service, endpointOf, ProbeLine.Outcome.OK);
        } catch (IOException e) {
            return ProbeLine.tcp(from, host, port, service, endpointOf, outcome(e));
        }
    }

    /** One GET, no redirect followed, no certificate checked; any HTTP answer is {@code ok} with its status. */
    ProbeLine http(String url) {
        HttpURLConnection[] conn = new HttpURLConnection[1];
        Future<Integer> f = pool.submit(() -> {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            conn[0] = c;
            if (c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TRUST_ALL);
                https.setHostnameVerifier((h, session) -> true);
            }
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(millis());
            c.setReadTimeout(millis());
            c.setUseCaches(false);
            c.setRequestProperty("User-Agent", userAgent);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        });
        try {
            // Connect and read each have the limit; the whole request gets both, and no more.
            int status = f.get(2 * timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return ProbeLine.http(from, url, ProbeLine.Outcome.OK, status);
        } catch (TimeoutException e) {
            f.cancel(true);
            if (conn[0] != null) {
                conn[0].disconnect();
            }
            return ProbeLine.http(from, url, new ProbeLine.Outcome(ProbeLine.TIMEOUT, null), null);
        } catch (ExecutionException e) {
            return ProbeLine.http(from, url, outcome(e.getCause()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeLine.http(from, url, new ProbeLine.Outcome(ProbeLine.ERROR, "interrupted"), null);
        }
    }

    /** refused, timeout, unreachable, or error with what it was. */
    static ProbeLine.Outcome outcome(Throwable e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof SocketTimeoutException || msg.contains("timed out")) {
            return new ProbeLine.Outcome(ProbeLine.TIMEOUT, null);
        }
        if (e instanceof NoRouteToHostException || msg.contains("unreachable") || msg.contains("No route to host")) {
            return new ProbeLine.Outcome(ProbeLine.UNREACHABLE, msg.isEmpty() ? null : msg);
        }
        if (e instanceof ConnectException && msg.contains("refused")) {
            return new ProbeLine.Outcome(ProbeLine.REFUSED, null);
        }
        if (e instanceof UnknownHostException) {
            return new ProbeLine.Outcome(ProbeLine.ERROR, "unknown host " + msg);
        }
        if (e instanceof SSLException) {
            return new ProbeLine.Outcome(ProbeLine.ERROR, "TLS: " + msg);
        }
        return new ProbeLine.Outcome(ProbeLine.ERROR, e.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg));
    }

    /** Runs probes at once and gives their lines in the order given. */
    public List<ProbeLine> all(List<Callable<ProbeLine>> probes) {
        List<Future<ProbeLine>> futures = new ArrayList<>();
        probes.forEach(p -> futures.add(pool.submit(p)));
        return Parallel.all(futures);
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    static boolean isAddress(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** curl -k: the probe asks whether the server answers, not whether its certificate is trusted. */
    private static final SSLSocketFactory TRUST_ALL;

    static {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            TRUST_ALL = ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
