package io.netrules.parse;

import io.netrules.model.ToolErrorKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ToolFailuresTest {
    @Test
    void classifiesWhatToolsPrintInsteadOfOutput() {
        assertEquals(ToolErrorKind.OVS_NOT_RUNNING, ToolFailures.classify(
                "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)"));
        assertEquals(ToolErrorKind.PERMISSION_DENIED, ToolFailures.classify(
                "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (Permission denied)"),
                "without root ovs-vsctl cannot connect, which says nothing about whether OVS runs");
        assertEquals(ToolErrorKind.NO_SUCH_BRIDGE, ToolFailures.classify("ovs-ofctl: br0 is not a bridge or a socket"));
        assertEquals(ToolErrorKind.OPENFLOW_VERSION_MISMATCH, ToolFailures.classify(
                "2019-03-14T10:00:00Z|00001|vconn|WARN|unix:/var/run/openvswitch/br0.mgmt: version negotiation failed "
                        + "(we support version 0x01, peer supports version 0x04)"));
        assertEquals(ToolErrorKind.NOT_INSTALLED, ToolFailures.classify("bash: ovs-vsctl: command not found"));
        assertNull(ToolFailures.classify("net.ipv4.ip_forward = 1"));
        assertNull(ToolFailures.classify(""));
    }
}
