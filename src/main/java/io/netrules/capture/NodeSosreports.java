package io.netrules.capture;

import io.netrules.model.InterfaceAddress;
import io.netrules.model.Node;
import io.netrules.model.ParseWarning;
import io.netrules.parse.InputLimits;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ip.IpAddressParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Node sosreports given beside a capture ({@code --sosreport FILE|DIR}) or as archives under its
 * {@code nodes/}, each read as the node folder of the Node it was taken on. A sosreport is
 * matched to its Node by address, not by name: the host name an RHCOS sosreport records is
 * often {@code localhost.localdomain}, or a short name while the Node is an FQDN. The Node whose
 * {@code InternalIP} is among the sosreport's {@code ip -d address} (or {@code ip -o addr})
 * addresses is its node. One that matches no Node is used under its host name, with a warning;
 * a second sosreport for a node that already has a folder is ignored, with a warning.
 */
public final class NodeSosreports {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    private static final List<String> ADDRESS_FILES = List.of("sos_commands/networking/ip_-d_address",
            "sos_commands/networking/ip_address", "sos_commands/networking/ip_-o_addr", "ip_addr");
    private static final List<String> HOSTNAME_FILES = List.of("sos_commands/host/hostname", "hostname",
            "sos_commands/general/hostname", "etc/hostname");

    private NodeSosreports() {
    }

    /** A capture with the sosreports added, and the archives extracted for it (closing removes them). */
    public record Attached(Capture capture, List<CaptureArchive.Extracted> extracted) implements AutoCloseable {
        @Override
        public void close() {
            extracted.forEach(CaptureArchive.Extracted::close);
        }
    }

    /** Whether a file under a capture's {@code nodes/} is a sosreport archive to read as a node. */
    static boolean isSosArchive(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && CaptureArchive.isArchive(file);
    }

    /**
     * Adds each sosreport (an archive or an extracted folder) to the capture as a node folder.
     * Bad input (a file that is neither, an archive that cannot be read, a folder without
     * {@code sos_commands/}) is refused with a {@link CaptureException} naming it.
     */
    public static Attached attach(Capture capture, List<Path> sosreports, InputLimits limits)
            throws CaptureException {
        List<CaptureArchive.Extracted> extracted = new ArrayList<>();
        if (sosreports.isEmpty()) {
            return new Attached(capture, extracted);
        }
        try {
            Map<String, NodeFolder> nodes = new TreeMap<>(capture.nodes());
            List<ParseWarning> warnings = new ArrayList<>(capture.warnings());
            Map<String, String> byAddress = nodesByAddress(capture, limits);
            for (Path given : sosreports) {
                String fileName = given.getFileName() == null ? given.toString() : given.getFileName().toString();
                // An archive under the capture's nodes/ is named by its place in the capture.
                String label = given.toAbsolutePath().normalize().getParent() != null
                        && given.toAbsolutePath().normalize().getParent()
                        .equals(capture.root().resolve("nodes").toAbsolutePath().normalize())
                        ? "nodes/" + fileName : fileName;
                Path root;
                if (Files.isRegularFile(given)) {
                    if (!CaptureArchive.isArchive(given)) {
                        throw new CaptureException(given + ": not a sosreport folder, nor a .tar.xz, .tar.gz, .tgz "
                                + "or .zip archive of one");
                    }
                    CaptureArchive.Extracted x = CaptureArchive.extractSosreport(given, limits);
                    extracted.add(x);
                    warnings.addAll(x.warnings());
                    root = x.root();
                } else if (Files.isDirectory(given)) {
                    root = sosRoot(given);
                    if (root == null) {
                        throw new CaptureException(given + ": not a sosreport (no sos_commands/ in it or in its one"
                                + " top folder)");
                    }
                } else {
                    throw new CaptureException(given + ": no such file or folder");
                }
                String prefix = label + "/";
                Set<String> addresses = addresses(root, prefix);
                String node = null;
                for (String a : addresses) {
                    node = byAddress.get(a);
                    if (node != null) {
                        break;
                    }
                }
                if (node == null) {
                    node = hostName(root, label);
                    warnings.add(new ParseWarning(label, 0, "matches no Node by address (its addresses: "
                            + (addresses.isEmpty() ? "none found" : String.join(", ", addresses))
                            + "); read as node '" + node + "', its host name"));
                }
                if (nodes.containsKey(node)) {
                    warnings.add(new ParseWarning(label, 0, "node '" + node + "' already has a node folder ("
                            + (nodes.get(node).sosreport() ? "a sosreport" : "nodes/" + node + "/")
                            + " read first); this sosreport is ignored"));
                    continue;
                }
                nodes.put(node, NodeFolder.index(root, node, prefix, warnings,
                        new FileBudget(limits.files(), warnings)));
            }
            return new Attached(capture.withNodes(nodes, warnings), extracted);
        } catch (CaptureException | RuntimeException | Error e) {
            extracted.forEach(CaptureArchive.Extracted::close);
            throw e;
        } catch (IOException e) {
            extracted.forEach(CaptureArchive.Extracted::close);
            throw new CaptureException("cannot read sosreport: " + e.getMessage());
        }
    }

    /** The sosreport's root: the folder itself or its one top folder, whichever has sos_commands/. */
    static Path sosRoot(Path dir) throws IOException {
        if (Files.isDirectory(dir.resolve("sos_commands"))) {
            return dir;
        }
        List<Path> top;
        try (Stream<Path> s = Files.list(dir)) {
            top = s.filter(p -> !p.getFileName().toString().startsWith(".")).limit(2).toList();
        }
        if (top.size() == 1 && Files.isDirectory(top.get(0).resolve("sos_commands"))) {
            return top.get(0);
        }
        return null;
    }

    /**
     * Every address of every Node, to its Node's name; InternalIPs first, so that an address that
     * is one Node's InternalIP and another's other address goes to the first.
     */
    static Map<String, String> nodesByAddress(Capture capture, InputLimits limits) {
        List<Node> nodes = new ArrayList<>();
        Capture.ClusterFile file = capture.clusterFiles().get(ClusterInputs.NODES);
        if (file != null) {
            try {
                // Problems with the file are the evaluator's to report when it reads it.
                new ClusterObjectReader(f -> {
                    if (f instanceof Node n) {
                        nodes.add(n);
                    }
                }, w -> { }, limits).read(file.path(), file.display(), ClusterInputs.NODES);
            } catch (CaptureException | RuntimeException e) {
                // the Nodes read before the problem still count
            }
        } else if (capture.mustGather() != null && capture.mustGather().has(ClusterInputs.NODES)) {
            // Problems with its files are the evaluator's to report when it reads them.
            capture.mustGather().read(ClusterInputs.NODES, f -> {
                if (f instanceof Node n) {
                    nodes.add(n);
                }
            }, new ArrayList<>(), limits);
        }
        Map<String, String> byAddress = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (n.internalIP() != null) {
                byAddress.putIfAbsent(n.internalIP(), n.name());
            }
        }
        return byAddress;
    }

    /** The sosreport's interface addresses (without prefix length, loopback and link-local left out), in file order. */
    static Set<String> addresses(Path root, String prefix) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : ADDRESS_FILES) {
            Path p = root.resolve(name);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            var c = ParseContext.collecting("sosreport", prefix + name, FactSources.IP_ADDRESS);
            try (Lines lines = Lines.open(p, InputLimits.DEFAULTS.lineLength(), (n, len) -> { })) {
                new IpAddressParser().parse(lines, c.ctx);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            // Loopback and link-local addresses are every host's: they name no Node.
            c.facts(InterfaceAddress.class).stream().map(InterfaceAddress::address)
                    .filter(a -> !a.startsWith("127.") && !a.equals("::1") && !a.toLowerCase().startsWith("fe80:"))
                    .forEach(out::add);
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** The host name the sosreport recorded, else the name sos gave its archive or folder. */
    static String hostName(Path root, String label) throws IOException {
        for (String f : HOSTNAME_FILES) {
            Path p = root.resolve(f);
            if (Files.isRegularFile(p) && Files.size(p) < 1024) {
                String first = Files.readString(p, StandardCharsets.ISO_8859_1).strip().lines().findFirst()
                        .orElse("").strip();
                if (SAFE_NAME.matcher(first).matches()) {
                    return first;
                }
            }
        }
        String name = label.substring(label.lastIndexOf('/') + 1);
        return CaptureArchive.sosHost(root, CaptureArchive.baseName(Path.of(name)));
    }
}
