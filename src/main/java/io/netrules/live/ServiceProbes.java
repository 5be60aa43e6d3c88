package io.netrules.live;

import io.netrules.capture.CaptureException;
import io.netrules.capture.ClusterObjectReader;
import io.netrules.ExitCodes;
import io.netrules.model.EndpointAddress;
import io.netrules.model.Service;
import io.netrules.model.ServicePort;
import io.netrules.probe.ProbeLine;
import io.netrules.probe.Prober;
import io.netrules.probe.TcpTarget;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code --service NAMESPACE/NAME}: a TCP connect to the service's cluster IP on each of its TCP
 * ports, and to each endpoint address on each endpoint port. The service and its endpoints are
 * taken from the {@code cluster/} files just listed, read by the capture's own reader.
 */
final class ServiceProbes {
    private ServiceProbes() {
    }

    /** Checks the form NAMESPACE/NAME. */
    static void check(String service) throws LiveException {
        if (!service.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw new LiveException(ExitCodes.BAD_INPUT, "--service " + service + ": expected NAMESPACE/NAME");
        }
    }

    /** The probes of one service, run from here. */
    static List<Callable<ProbeLine>> probes(Path dir, String service, Prober prober, PrintWriter err)
            throws LiveException {
        List<Callable<ProbeLine>> probes = new ArrayList<>();
        for (TcpTarget t : targets(dir, service, err)) {
            probes.add(() -> prober.tcp(t.host(), t.port(), t.service(), t.endpointOf()));
        }
        return probes;
    }

    /** What to connect to for one service, or nothing (with a line on err) when its objects were not collected. */
    static List<TcpTarget> targets(Path dir, String service, PrintWriter err) throws LiveException {
        String[] nsName = service.split("/", 2);
        Path services = dir.resolve("cluster/services.json");
        if (!Files.isRegularFile(services)) {
            err.println("netrules: --service " + service + " not probed: cluster/services.json was not collected");
            return List.of();
        }
        List<Service> found = new ArrayList<>();
        List<EndpointAddress> endpoints = new ArrayList<>();
        ClusterObjectReader reader = new ClusterObjectReader(fact -> {
            if (fact instanceof Service s && s.namespace().equals(nsName[0]) && s.name().equals(nsName[1])) {
                found.add(s);
            } else if (fact instanceof EndpointAddress a && nsName[0].equals(a.namespace())
                    && nsName[1].equals(a.service())) {
                endpoints.add(a);
            }
        }, warning -> { });
        try {
            reader.read(services, "cluster/services.json", "services");
            Path ep = dir.resolve("cluster/endpoints.json");
            if (Files.isRegularFile(ep)) {
                reader.read(ep, "cluster/endpoints.json", "endpoints");
            } else {
                err.println("netrules: --service " + service + ": endpoints not probed: cluster/endpoints.json was "
                        + "not collected");
            }
        } catch (CaptureException e) {
            throw new LiveException(ExitCodes.INTERNAL, e.getMessage());
        }
        if (found.isEmpty()) {
            throw new LiveException(ExitCodes.BAD_INPUT, "--service " + service + ": no such service in the cluster");
        }
        Service s = found.get(0);
        List<TcpTarget> targets = new ArrayList<>();
        String ip = s.clusterIP();
        if (ip != null && !ip.isEmpty() && !"None".equals(ip)) {
            for (ServicePort p : s.ports()) {
                if (isTcp(p) && p.port() > 0) {
                    targets.add(new TcpTarget(ip, p.port(), service, null));
                }
            }
        }
        endpoints.sort(Comparator.comparing(EndpointAddress::ip));
        for (EndpointAddress a : endpoints) {
            for (ServicePort p : a.ports()) {
                if (isTcp(p) && p.port() > 0 && a.ip() != null) {
                    targets.add(new TcpTarget(a.ip(), p.port(), null, service));
                }
            }
        }
        return targets;
    }

    private static boolean isTcp(ServicePort p) {
        return p.protocol() == null || "TCP".equalsIgnoreCase(p.protocol());
    }
}
