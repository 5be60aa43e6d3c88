package io.netrules.engine;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major version of the OpenShift the capture comes from (3 for OKD/OpenShift 3.x, 4 for
 * OpenShift 4), or null when the data does not say. It picks the remediation text: the
 * {@code ## How to fix (OpenShift 4)} section of a rule's Markdown on 4, the
 * {@code ## How to fix} (3.11) section on 3 ({@link RuleText#fix(Integer)}).
 * <p>
 * Evidence, best first: the release version of a ClusterVersion ({@code 4.12.3}; 3.x has no
 * ClusterVersion); else the kubelet version of the nodes (OKD/OpenShift 3.11 ships Kubernetes
 * 1.11, 3.10 1.10; OpenShift 4.1 ships 1.13 and every later 4.x a newer one; 1.12 was never an
 * OpenShift release); else a node's {@code /etc/origin/node/node-config.yaml}, which exists only on
 * 3.x. Nodes that disagree (an upgrade half done is not possible across 3 to 4) count as unknown.
 */
public final class PlatformMajor {
    private static final Pattern RELEASE = Pattern.compile("^v?(\\d+)\\.\\d+");
    private static final Pattern KUBELET = Pattern.compile("^v?1\\.(\\d+)");

    private PlatformMajor() {
    }

    /** 4 for a release version such as {@code 4.12.3}, 3 for {@code 3.11.0}; null otherwise. */
    public static Integer ofReleaseVersion(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = RELEASE.matcher(version.strip());
        if (!m.find()) {
            return null;
        }
        int major = Integer.parseInt(m.group(1));
        return major == 3 || major == 4 ? major : null;
    }

    /** 3 for a kubelet of Kubernetes 1.11 or older, 4 for 1.13 or newer; null otherwise. */
    public static Integer ofKubeletVersion(String kubeletVersion) {
        if (kubeletVersion == null) {
            return null;
        }
        Matcher m = KUBELET.matcher(kubeletVersion.strip());
        if (!m.find()) {
            return null;
        }
        int minor = Integer.parseInt(m.group(1));
        return minor <= 11 ? Integer.valueOf(3) : minor >= 13 ? Integer.valueOf(4) : null;
    }

    /**
     * The major version from the best evidence there is.
     *
     * @param releaseVersion  a ClusterVersion's {@code status.desired.version} (or history), or null
     * @param kubeletVersions the nodes' kubelet versions (nulls ignored)
     * @param nodeConfig      true when a node has a node-config.yaml
     */
    public static Integer detect(String releaseVersion, Collection<String> kubeletVersions, boolean nodeConfig) {
        Integer fromRelease = ofReleaseVersion(releaseVersion);
        if (fromRelease != null) {
            return fromRelease;
        }
        Integer fromKubelets = null;
        for (String v : kubeletVersions) {
            Integer major = ofKubeletVersion(v);
            if (major == null) {
                continue;
            }
            if (fromKubelets != null && !fromKubelets.equals(major)) {
                fromKubelets = null;
                nodeConfig = false;
                break;
            }
            fromKubelets = major;
        }
        if (fromKubelets != null) {
            return fromKubelets;
        }
        return nodeConfig ? Integer.valueOf(3) : null;
    }
}
