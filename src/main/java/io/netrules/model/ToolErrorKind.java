package io.netrules.model;

/** What kind of failure a collected file shows. */
public enum ToolErrorKind {
    /** The binary is not installed ("command not found"). */
    NOT_INSTALLED,
    /** OVS database or vswitchd could not be reached: OVS is not running. */
    OVS_NOT_RUNNING,
    /** The bridge asked for does not exist ("br0 is not a bridge or a socket"). */
    NO_SUCH_BRIDGE,
    /** ovs-ofctl without -O OpenFlow13 on an OpenFlow13-only bridge: says nothing about OVS. */
    OPENFLOW_VERSION_MISMATCH,
    /** Not allowed (e.g. "Operation not permitted"). */
    PERMISSION_DENIED,
    /** Any other failure the tool printed. */
    OTHER
}
