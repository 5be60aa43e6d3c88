package io.netrules.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netrules.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which facts reach a session is decided from the compiled rules, built-in and the user's: the
 * built-in rules read iptables rules only as whole tables, so no IptablesRule fact is inserted
 * for them, yet a user's rule ({@code --rules DIR}) that names a table or chain gets exactly
 * those rules as facts and fires.
 */
class UserRuleFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aUsersRuleOnATableAndAChainNoBuiltInRuleReadsGetsItsFacts(@TempDir Path tmp) throws Exception {
        Path capture = tmp.resolve("capture");
        TestPaths.copyTree(TestPaths.sample("healthy-3node"), capture);
        Files.writeString(capture.resolve("nodes/node-2/iptables-save"), """
                *mangle
                :PREROUTING ACCEPT [0:0]
                -A PREROUTING -i eth0 -p udp -m udp --dport 4789 -j MARK --set-xmark 0x1/0xffffffff
                COMMIT
                """, StandardOpenOption.APPEND);
        Path rules = Files.createDirectories(tmp.resolve("my-rules"));
        Files.writeString(rules.resolve("NR-ZZZ-902.drl"), """
                package netrules.mine;

                import io.netrules.model.Finding;
                import io.netrules.model.IptablesRule;
                import io.netrules.model.NodeScope;

                rule "NR-ZZZ-902 VXLAN marked in mangle"
                    @id("NR-ZZZ-902")
                    @severity("WARN")
                    @layer("iptables")
                    @scope("node")
                    @guide("none")
                    @requires("iptables-filter")
                when
                    NodeScope($n : name)
                    IptablesRule(node == $n, table == "mangle", chain == "PREROUTING", target == "MARK")
                then
                    insert(Finding.of("NR-ZZZ-902").node($n).subject("mangle"));
                end
                """);
        Files.writeString(rules.resolve("NR-ZZZ-903.drl"), """
                package netrules.mine;

                import io.netrules.model.Finding;
                import io.netrules.model.IptablesRule;
                import io.netrules.model.NodeScope;

                rule "NR-ZZZ-903 the registry has a cluster IP rule"
                    @id("NR-ZZZ-903")
                    @severity("INFO")
                    @layer("service")
                    @scope("node")
                    @guide("none")
                    @requires("iptables-nat")
                when
                    NodeScope($n : name)
                    IptablesRule(node == $n, table == "nat", chain == "KUBE-SERVICES", destAddr == "172.30.12.7/32")
                then
                    insert(Finding.of("NR-ZZZ-903").node($n).subject("registry"));
                end
                """);
        for (String id : List.of("NR-ZZZ-902", "NR-ZZZ-903")) {
            Files.writeString(rules.resolve(id + ".md"), """
                    ---
                    id: %s
                    title: "a user's rule fired on {node}"
                    ---
                    ## Summary
                    A user's rule on iptables rules no built-in rule reads one by one.

                    ## Why it breaks traffic
                    It does not.

                    ## How to fix
                    Nothing.
                    """.formatted(id));
        }
        Cli r = Cli.run("diagnose", "--capture", capture.toString(), "--rules",
                rules.toString(), "--format", "json", "--fail-on", "never");
        assertEquals(0, r.status(), r.err());
        Set<String> fired = new TreeSet<>();
        JSON.readTree(r.out()).get("findings").forEach(f -> {
            if (f.get("id").asText().startsWith("NR-ZZZ")) {
                fired.add(f.get("id").asText() + " " + f.get("node").asText());
            }
        });
        assertEquals(Set.of("NR-ZZZ-902 node-2", "NR-ZZZ-903 node-1", "NR-ZZZ-903 node-2", "NR-ZZZ-903 node-3"), fired);
    }
}
