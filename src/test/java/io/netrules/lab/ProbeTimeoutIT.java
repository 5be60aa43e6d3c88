package io.netrules.lab;

import io.netrules.probe.ProbeLine;
import io.netrules.probe.Prober;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A probe that gets no answer is "timeout": the test makes its own network namespace, reached
 * through a veth pair on a link-local /30, whose iptables drops every TCP packet coming in. The
 * probes go to that namespace's address and nowhere else.
 */
class ProbeTimeoutIT {
    private String ns;
    private String hostVeth;
    private String address;

    @BeforeEach
    void dropAllTcpInANamespaceOfOurOwn() throws Exception {
        Assumptions.assumeTrue(Lab.run(List.of("id", "-u"), 10).out().strip().equals("0"),
                "needs root to make a network namespace");
        int id = new SecureRandom().nextInt(0xfffff);
        ns = "nrpt" + Integer.toHexString(id);
        hostVeth = ns + "h";
        int octet = 100 + id % 100;
        address = "169.254." + octet + ".2";
        Lab.Result add = Lab.run(List.of("ip", "netns", "add", ns), 10);
        Assumptions.assumeTrue(add.status() == 0, "cannot create a network namespace: " + add.err());
        sh("ip link add " + hostVeth + " type veth peer name " + ns + "n");
        sh("ip link set " + ns + "n netns " + ns);
        sh("ip addr add 169.254." + octet + ".1/30 dev " + hostVeth);
        sh("ip link set " + hostVeth + " up");
        sh("ip netns exec " + ns + " ip addr add " + address + "/30 dev " + ns + "n");
        sh("ip netns exec " + ns + " ip link set " + ns + "n up");
        sh("ip netns exec " + ns + " iptables -A INPUT -p tcp -j DROP");
    }

    private static void sh(String command) throws Exception {
        Lab.Result r = Lab.run(List.of("bash", "-c", command), 30);
        if (r.status() != 0) {
            throw new IllegalStateException(command + ": " + r.err());
        }
    }

    @AfterEach
    void removeTheNamespace() throws Exception {
        if (ns != null) {
            Lab.run(List.of("ip", "netns", "del", ns), 10);
            Lab.run(List.of("ip", "link", "del", hostVeth), 10);
        }
    }

    @Test
    void tcpAndHttpToAHostThatDropsEverythingTimeOut() {
        try (Prober p = new Prober("client", Duration.ofSeconds(1), "netrules-test")) {
            List<ProbeLine> lines = p.url("http://" + address + ":8080/");
            assertEquals(2, lines.size(), lines.toString());
            assertEquals("{\"from\":\"client\",\"kind\":\"tcp\",\"host\":\"" + address
                    + "\",\"port\":8080,\"result\":\"timeout\"}", lines.get(0).json());
            assertEquals("timeout", lines.get(1).result(), lines.get(1).json());
            assertNull(lines.get(1).status());
        }
    }
}
