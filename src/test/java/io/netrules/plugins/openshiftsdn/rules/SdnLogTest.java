package io.netrules.plugins.openshiftsdn.rules;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDN log helpers NR-LOG-001/002 call from DRL, on lines as openshift-sdn and its script print them. */
class SdnLogTest {
    static final String MARKER = "I1101 21:55:19.412210   26898 controller.go:38] Output of setup script:";

    @Test
    void aGlogHeaderStartsAnEntryAndEndsTheOutputBeforeIt() {
        assertTrue(SdnLog.entryStart(MARKER));
        assertTrue(SdnLog.entryStart("E1130 22:37:38.940693   16004 controller.go:39] Error executing setup script: exit status 1"));
        // oc logs --timestamps puts an RFC 3339 timestamp first
        assertTrue(SdnLog.entryStart("2019-03-11T08:14:03.401877000Z " + MARKER));
        assertFalse(SdnLog.entryStart("+ ip link set lbr0 up"));
        assertFalse(SdnLog.entryStart("RTNETLINK answers: File exists"));
        assertFalse(SdnLog.entryStart(" (exit status 1)"));
        assertFalse(SdnLog.entryStart("Started Origin Node."));
        assertFalse(SdnLog.entryStart(null));
    }

    @Test
    void theSetupScriptMarkerAndItsFailure() {
        assertTrue(SdnLog.setupScriptOutput(MARKER));
        assertFalse(SdnLog.setupScriptOutput("Output of setup script:"), "only as the message of a log entry");
        assertTrue(SdnLog.setupScriptFailed(
                "E1130 22:37:38.940693   16004 controller.go:39] Error executing setup script: exit status 1"));
        assertTrue(SdnLog.setupScriptFailed(
                "E1101 21:55:20.100233   26898 controller.go:44] Error executing setup script. "));
        assertEquals("Error executing setup script: exit status 1", SdnLog.entryMessage(
                "E1130 22:37:38.940693   16004 controller.go:39] Error executing setup script: exit status 1"));
    }

    @Test
    void stepsAreTracedWithPlus() {
        assertTrue(SdnLog.scriptStep("+ ip addr add 10.129.0.1/23 dev tun0"));
        assertTrue(SdnLog.scriptStep("++ dirname /run/openshift-sdn/docker-network"));
        assertTrue(SdnLog.ignoredStep("+ true"));
        assertFalse(SdnLog.ignoredStep("+ true_or_not"));
        assertTrue(SdnLog.errexitOff("+ set +e"));
        assertFalse(SdnLog.errexitOff("+ set -e"));
        assertTrue(SdnLog.errexitStep("+ set -e"));
        assertTrue(SdnLog.errexitStep("+ set -ex"));
        assertFalse(SdnLog.errexitStep("+ set +x"));
        // a function passes its failure on with "return 1" before the caller's "|| true"
        assertFalse(SdnLog.nextStepOrEntry("+ return 1"));
        assertTrue(SdnLog.nextStepOrEntry("+ true"));
        assertTrue(SdnLog.nextStepOrEntry(MARKER));
        assertFalse(SdnLog.nextStepOrEntry("Error: 10.129.0.0/23 route not found for dev tun0"));
    }

    @Test
    void scriptErrorsAreWhatTheToolsPrintWhenTheyFail() {
        for (String e : new String[] {
                "RTNETLINK answers: File exists",
                "Cannot find device \"lbr0\"",
                "Error: either \"dev\" is duplicate, or \"10.1.2.0/24\" is a garbage.",
                "ovs-vsctl: no bridge named br0",
                "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)",
                "bridge lbr0 doesn't exist; can't delete it",
                "bridge lbr0 does not exist!",
                "sysctl: cannot stat /proc/sys/net/bridge/bridge-nf-call-iptables: No such file or directory",
                "modprobe: FATAL: Module br_netfilter not found.",
                "/usr/bin/openshift-sdn-ovs-setup.sh: line 42: brctl: command not found",
                "ovs|00002|db_ctl_base|ERR|unix:/var/run/openvswitch/db.sock: database connection failed",
                "2019-03-11T08:14:03.5Z RTNETLINK answers: File exists"}) {
            assertTrue(SdnLog.scriptError(e), e);
        }
        for (String ok : new String[] {
                "+ rm -f /etc/openshift-sdn/setup-error.log",
                "+ echo 'Error: 10.129.0.0/23 route not found for dev tun0'",
                "net.ipv4.ip_forward = 1",
                "Container network is \"10.128.0.0/14\"; local host has subnet \"10.129.0.0/23\", mtu \"1450\" and gateway \"10.129.0.1\".",
                "method return sender=:1.2 -> dest=:1.41 reply_serial=2",
                "SDN setup not required.",
                "ovs|00001|vsctl|INFO|Called as ovs-vsctl del-br br0",
                MARKER,
                "E1130 22:37:38.940693   16004 controller.go:39] Error executing setup script: exit status 1",
                ""}) {
            assertFalse(SdnLog.scriptError(ok), ok);
        }
    }

    @Test
    void outputOfAddingARule() {
        String ok = "I1101 21:55:20.003112   26898 controller.go:66] Output of adding "
                + "table=0,cookie=0x0a00000c,tun_src=10.0.0.12,actions=goto_table:1:  (<nil>)";
        String bad = "I1101 21:55:20.003112   26898 controller.go:66] Output of adding table=0,cookie=0x0a000001,"
                + "priority=100,ip,nw_dst=10.128.0.0/23,actions=set_field:10.0.0.1->tun_dst,output:1: "
                + "ovs-ofctl: br0 is not a bridge or a socket";
        assertTrue(SdnLog.flowAdd(ok));
        assertFalse(SdnLog.flowAddFailed(ok));
        assertEquals("table=0,cookie=0x0a00000c,tun_src=10.0.0.12,actions=goto_table:1", SdnLog.flowAddRule(ok));
        assertEquals("(<nil>)", SdnLog.flowAddOutput(ok));
        assertTrue(SdnLog.flowAddFailed(bad));
        assertEquals("table=0,cookie=0x0a000001,priority=100,ip,nw_dst=10.128.0.0/23,"
                + "actions=set_field:10.0.0.1->tun_dst,output:1", SdnLog.flowAddRule(bad));
        assertEquals("ovs-ofctl: br0 is not a bridge or a socket", SdnLog.flowAddOutput(bad));
        assertTrue(SdnLog.flowAddFailed(ok.replace("(<nil>)", "(exit status 1)")));
        assertFalse(SdnLog.flowAdd("I1101 21:55:20.003112   26898 controller.go:93] Output of adding ip route: "
                + "RTNETLINK answers: File exists"));
        assertEquals("", SdnLog.flowAddRule("+ true"));

        assertTrue(SdnLog.flowAddError(" (exit status 1)"));
        assertTrue(SdnLog.flowAddError("ovs-ofctl: br0 is not a bridge or a socket"));
        assertFalse(SdnLog.flowAddError(" (<nil>)"));
        assertFalse(SdnLog.flowAddError("2015-11-01T21:55:20Z|00001|ofp_util|WARN|deprecated"));
        assertFalse(SdnLog.flowAddError(bad), "a new entry is no continuation");
    }

    @Test
    void theUnitOfAJournalFile() {
        assertEquals("origin-node", SdnLog.journalUnit("nodes/node-1/journalctl_--no-pager_--unit_origin-node"));
        assertEquals("atomic-openshift-node", SdnLog.journalUnit(
                "nodes/node-3/sos_commands/origin/journalctl_--no-pager_--unit_atomic-openshift-node"));
        assertEquals("node", SdnLog.journalUnit("nodes/node-1/something"));
        assertEquals("node", SdnLog.journalUnit(null));
    }
}
