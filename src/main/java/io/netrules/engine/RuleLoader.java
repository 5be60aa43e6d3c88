package io.netrules.engine;

import io.netrules.capture.CaptureException;
import io.netrules.plugin.NetworkPlugins;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds rule files: the built-in {@code rules/} tree shipped inside the jar (the same tree as
 * the repository's {@code rules/} folder) and any folder a user names with {@code --rules}.
 * Rule folders are code and are only ever read from paths the user gives.
 */
public final class RuleLoader {
    private RuleLoader() {
    }

    /** The built-in rules, from the classpath ({@code rules/} in the jar or in target/classes). */
    public static List<RuleFile> builtin() throws IOException {
        URL url = RuleLoader.class.getResource("/rules");
        if (url == null) {
            throw new IOException("built-in rules are missing from the classpath (rules/)");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme()) && url.openConnection() instanceof JarURLConnection jar) {
                // Through the class loader's own open JarFile: a zip file system over the jar would
                // index all of its tens of thousands of entries again, a tenth of start-up.
                return fromJar(jar.getJarFile(), "rules/");
            }
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return fromDir(fs.getPath("/rules"), "rules/");
            }
            return fromDir(Path.of(uri), "rules/");
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate built-in rules: " + e.getMessage());
        }
    }

    /** The rules of a user folder; errors name files by the path the user gave. */
    public static List<RuleFile> fromUserDir(Path dir) throws CaptureException {
        if (!Files.isDirectory(dir)) {
            throw new CaptureException(dir + ": rules folder does not exist");
        }
        try {
            return fromDir(dir, displayPrefix(dir));
        } catch (IOException e) {
            throw new CaptureException(dir + ": cannot read rules: " + e.getMessage());
        }
    }

    /** How files of a user folder are named in messages: the folder as the user gave it. */
    public static String displayPrefix(Path dir) {
        String prefix = dir.toString().replace('\\', '/');
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /**
     * The rule files under {@code folder} in the jar, in the order {@link #fromDir} gives. The
     * jar's pre-built model manifest ({@link PrebuiltRules#MANIFEST}), made by the same build as
     * the jar's {@code rules/} tree, lists them: read from it, only those entries are looked up,
     * instead of walking the jar's tens of thousands of entries (a twentieth of a diagnosis's
     * start-up). Without a manifest that lists them, or when a listed file is missing, the jar
     * is walked.
     */
    static List<RuleFile> fromJar(JarFile jar, String folder) throws IOException {
        List<String> listed = listedRules(jar, folder);
        if (listed != null) {
            List<RuleFile> files = new ArrayList<>();
            for (String drl : listed) {
                String md = drl.replaceAll("\\.drl$", ".md");
                files.add(new RuleFile(drl, read(jar, drl), md, jar.getEntry(md) != null ? read(jar, md) : null,
                        pluginOf(drl.substring(folder.length()))));
            }
            return files;
        }
        List<String> drls = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (name.startsWith(folder)) {
                names.add(name);
                if (name.endsWith(".drl")) {
                    drls.add(name);
                }
            }
        }
        drls.sort(null);
        List<RuleFile> files = new ArrayList<>();
        for (String drl : drls) {
            String md = drl.replaceAll("\\.drl$", ".md");
            files.add(new RuleFile(drl, read(jar, drl), md, names.contains(md) ? read(jar, md) : null,
                    pluginOf(drl.substring(folder.length()))));
        }
        return files;
    }

    /** The rule files the jar's pre-built model manifest lists, sorted; null when it lists none or one is missing. */
    private static List<String> listedRules(JarFile jar, String folder) throws IOException {
        JarEntry manifest = jar.getJarEntry(PrebuiltRules.MANIFEST);
        if (manifest == null) {
            return null;
        }
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = jar.getInputStream(manifest)) {
            p.load(in);
        }
        String rules = p.getProperty("rules", "");
        if (rules.isBlank()) {
            return null;
        }
        List<String> drls = new ArrayList<>();
        for (String name : rules.split(",")) {
            if (!name.startsWith(folder) || !name.endsWith(".drl") || jar.getEntry(name) == null) {
                return null;
            }
            drls.add(name);
        }
        drls.sort(null);
        return drls;
    }

    private static String read(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The network plugin of a rule file, from its path under the rules root: the first folder
     * when it is a plugin's ID ({@code openshift-sdn/mtu/NR-MTU-001.drl}), else null: a rule of
     * every plugin ({@code common/...}, a file at the root, any other folder).
     */
    public static String pluginOf(String relativePath) {
        int slash = relativePath.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String first = relativePath.substring(0, slash);
        return NetworkPlugins.known(first) ? first : null;
    }

    static List<RuleFile> fromDir(Path dir, String displayPrefix) throws IOException {
        List<RuleFile> files = new ArrayList<>();
        List<Path> drls;
        try (Stream<Path> walk = Files.walk(dir)) {
            drls = walk.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".drl"))
                    .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
        }
        for (Path drl : drls) {
            String rel = dir.relativize(drl).toString().replace('\\', '/');
            String mdName = drl.getFileName().toString().replaceAll("\\.drl$", ".md");
            Path md = drl.resolveSibling(mdName);
            String mdRel = dir.relativize(md).toString().replace('\\', '/');
            files.add(new RuleFile(displayPrefix + rel, Files.readString(drl, StandardCharsets.UTF_8),
                    displayPrefix + mdRel, Files.isRegularFile(md) ? Files.readString(md, StandardCharsets.UTF_8) : null,
                    pluginOf(rel)));
        }
        return files;
    }
}
