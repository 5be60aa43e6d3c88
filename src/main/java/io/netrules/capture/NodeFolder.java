package io.netrules.capture;

import io.netrules.parse.InputLimits;
import io.netrules.model.ParseWarning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node's folder of a capture: {@code nodes/<name>/}, either as netrules' collector writes it
 * (command files at the top, copied files at their own path) or as an extracted sosreport
 * (command files under {@code sos_commands/<plugin>/}, copied files at the root). Indexing only
 * lists file names; nothing is read until the evaluator asks for an input.
 */
public final class NodeFolder {
    /** Entries of a sosreport's root that are sos's own and say nothing to netrules. */
    private static final Set<String> SOS_ROOT = Set.of("sos_commands", "sos_reports", "sos_logs", "sos_strings",
            "version.txt", "environment", "proc", "sys", "var", "usr", "run", "lib", "boot", "root", "dev",
            "installed-rpms", "uptime", "hostname", "date", "free", "df", "ps", "lsof", "netstat", "route",
            "lsmod", "lsb-release", "lspci", "uname", "ip_addr", "vgdisplay", "chkconfig", "dmidecode",
            "last", "sestatus", "pstree", "mount", "prinitenv", "sos_version");

    /**
     * The collector writes each output as {@code .<name>.partial} and renames it when the
     * command has ended; a file still under that name was being written when the collector
     * was stopped, and is never read.
     */
    public static final String PARTIAL_SUFFIX = ".partial";
    private static final String STOPPED = "the collector was stopped while writing it";

    /**
     * One file to read for an input: its source, the target for per-target sources, its path,
     * and, when the file is known to hold only part of the output (a sosreport kept only the
     * tail of a command's output over its size limit), why; else null.
     */
    public record InputFile(FactSource source, String target, Path path, String display, String truncated) {
        public InputFile(FactSource source, String target, Path path, String display) {
            this(source, target, path, display, null);
        }
    }

    private final String name;
    private final Path dir;
    private final String displayPrefix;
    private final boolean sosreport;
    private final Map<String, List<InputFile>> inputs;
    private final Map<String, String> interrupted;

    private NodeFolder(String name, Path dir, String displayPrefix, boolean sosreport,
                       Map<String, List<InputFile>> inputs, Map<String, String> interrupted) {
        this.name = name;
        this.dir = dir;
        this.displayPrefix = displayPrefix;
        this.sosreport = sosreport;
        this.inputs = inputs;
        this.interrupted = interrupted;
    }

    /** Inputs whose file the collector was still writing when it was stopped, and why they are missing. */
    public Map<String, String> interrupted() {
        return interrupted;
    }

    public String name() {
        return name;
    }

    /**
     * A file of the folder by its path relative to the folder (a file no fact source reads on its
     * own, such as a node's database file a plugin pairs with others), or null when it is not there.
     */
    public InputFile file(String relative) {
        Path p = dir.resolve(relative);
        return Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? new InputFile(null, null, p, displayPrefix + relative) : null;
    }

    public boolean sosreport() {
        return sosreport;
    }

    /** The files to read for each input that has one, inputs in registry order. */
    public Map<String, List<InputFile>> inputs() {
        return inputs;
    }

    /** Each file to read once, with every input it serves here, in registry order. */
    public Map<InputFile, List<String>> files() {
        Map<InputFile, List<String>> files = new LinkedHashMap<>();
        inputs.forEach((input, list) -> list.forEach(f -> files.computeIfAbsent(f, k -> new ArrayList<>()).add(input)));
        return files;
    }

    static NodeFolder index(Path dir, String name, String displayPrefix, List<ParseWarning> warnings)
            throws IOException {
        return index(dir, name, displayPrefix, warnings, new FileBudget(InputLimits.DEFAULTS.files(), warnings));
    }

    static NodeFolder index(Path dir, String name, String displayPrefix, List<ParseWarning> warnings,
                            FileBudget budget) throws IOException {
        boolean sos = Files.isDirectory(dir.resolve("sos_commands"));
        // file name -> candidates (path, display), for command outputs and copied files
        Map<String, Path> commandFiles = new TreeMap<>();
        List<Path> unknown = new ArrayList<>();
        Map<String, String> interrupted = new TreeMap<>();
        for (Path p : budget.list(dir, displayPrefix)) {
            String fn = p.getFileName().toString();
            if (Files.isRegularFile(p)) {
                if (partialOf(fn) != null) {
                    warnings.add(partialWarning(displayPrefix, partialOf(fn)));
                    FactSources.match(partialOf(fn)).ifPresent(m -> m.source().inputs()
                            .forEach(input -> interrupted.putIfAbsent(input, STOPPED)));
                } else if (FactSources.match(fn).isPresent()) {
                    commandFiles.put(fn, p);
                } else if (!sos || !SOS_ROOT.contains(fn)) {
                    unknown.add(p);
                }
            } else if (Files.isDirectory(p) && !"etc".equals(fn) && !sos) {
                unknown.add(p);
            }
        }
        Map<Path, String> truncated = new java.util.HashMap<>();
        SosReport.Manifest manifest = sos ? SosReport.manifest(dir, displayPrefix, warnings)
                : SosReport.Manifest.NONE;
        if (sos) {
            for (Path plugin : budget.list(dir.resolve("sos_commands"), displayPrefix + "sos_commands/")) {
                if (!Files.isDirectory(plugin)) {
                    continue;
                }
                for (Path p : budget.list(plugin, displayPrefix + "sos_commands/" + plugin.getFileName() + "/")) {
                    String fn = p.getFileName().toString();
                    // A sosreport holds hundreds of commands netrules does not read: no warning.
                    if (Files.isRegularFile(p) && FactSources.match(fn).isPresent()
                            && commandFiles.putIfAbsent(fn, p) == null) {
                        String tailed = SosReport.tailed(dir, plugin.getFileName().toString(), fn, p, manifest);
                        if (tailed != null) {
                            truncated.put(p, tailed);
                        }
                    }
                }
            }
        }
        for (Path p : unknown) {
            warnings.add(new ParseWarning(displayPrefix + p.getFileName() + (Files.isDirectory(p) ? "/" : ""), 0,
                    "unknown file; ignored"));
        }

        // For each input, the most preferred source present: all its files for a per-target
        // source, the one file otherwise. A file may serve several inputs; it is read once.
        Map<String, List<InputFile>> inputs = new LinkedHashMap<>();
        for (FactSource s : FactSources.all()) {
            if (s.parser() == null) {
                continue;
            }
            List<InputFile> files = new ArrayList<>();
            if (s.command() == null) {
                Path p = dir.resolve(s.fileName());
                // sos run from the toolbox may keep the host's files under host/ (section 3.1 of
                // the OpenShift 4 inputs notes).
                if (sos && !Files.isRegularFile(p) && Files.isRegularFile(dir.resolve("host").resolve(s.fileName()))) {
                    p = dir.resolve("host").resolve(s.fileName());
                }
                if (Files.isRegularFile(p)) {
                    files.add(new InputFile(s, null, p, display(dir, p, displayPrefix)));
                } else if (Files.isRegularFile(p.resolveSibling("." + p.getFileName() + PARTIAL_SUFFIX))) {
                    warnings.add(partialWarning(displayPrefix, s.fileName()));
                    s.inputs().forEach(input -> interrupted.putIfAbsent(input, STOPPED));
                }
            } else if (s.perTarget()) {
                for (Map.Entry<String, Path> e : commandFiles.entrySet()) {
                    String target = s.targetOf(e.getKey());
                    if (target != null) {
                        files.add(new InputFile(s, target, e.getValue(), display(dir, e.getValue(), displayPrefix),
                                truncated.get(e.getValue())));
                    }
                }
                files.sort(Comparator.comparing(InputFile::display));
            } else {
                Path p = commandFiles.get(s.fileName());
                if (p != null) {
                    files.add(new InputFile(s, null, p, display(dir, p, displayPrefix), truncated.get(p)));
                } else {
                    String failed = manifest.failure(s.fileName());
                    if (failed != null) {
                        s.inputs().forEach(input -> interrupted.putIfAbsent(input, failed));
                    }
                }
            }
            if (!files.isEmpty()) {
                for (String input : s.inputs()) {
                    inputs.putIfAbsent(input, List.copyOf(files));
                }
            }
        }
        inputs.keySet().forEach(interrupted::remove);
        return new NodeFolder(name, dir, displayPrefix, sos, inputs, Map.copyOf(interrupted));
    }

    /** The file a collector was writing, for a {@code .<name>.partial} file name; null otherwise. */
    static String partialOf(String fileName) {
        if (fileName.length() > 1 + PARTIAL_SUFFIX.length() && fileName.startsWith(".")
                && fileName.endsWith(PARTIAL_SUFFIX)) {
            return fileName.substring(1, fileName.length() - PARTIAL_SUFFIX.length());
        }
        return null;
    }

    private static ParseWarning partialWarning(String displayPrefix, String file) {
        return new ParseWarning(displayPrefix + file, 0, "incomplete: the collector was stopped while writing it "
                + "(." + file + PARTIAL_SUFFIX + "); not read, so it counts as not collected");
    }

    private static String display(Path dir, Path file, String prefix) {
        return prefix + dir.relativize(file).toString().replace('\\', '/');
    }
}
