package io.netrules.capture;

import io.netrules.parse.CommandParser;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way to obtain an input: the live command that produces it and the capture file that
 * stores its output (the command's sosreport name, or the path of a copied file such as
 * {@code etc/resolv.conf}), bound to the parser that reads it. Several sources may serve one
 * input (e.g. {@code ip -d address} and {@code ip address}); the registry lists them in order
 * of preference. A per-target source ({@code ethtool {target}}) matches one file per target.
 *
 * @param input        the input key rules name in {@code @requires} (e.g. {@code ovs-flows})
 * @param command      the live command line, {@code {target}} standing for the per-target part;
 *                     null for copied files
 * @param fileName     the capture file name (copied files: their path, e.g. {@code etc/resolv.conf})
 * @param parser       creates the parser; null for a known file this version does not read
 * @param alsoProvides other inputs the same file gives (iptables-save holds the filter and the
 *                     nat table); the file is still read once
 * @param collect      what {@code netrules collect node} does with this source
 * @param target       what {@code {target}} stands for in a per-target source
 */
public record FactSource(String input, String command, String fileName, Pattern targetPattern,
                         Supplier<CommandParser> parser, List<String> alsoProvides, Collect collect,
                         Target target) {

    /** What the node collector does with a source. */
    public enum Collect {
        /** Never run: a form the reader also accepts (an older command, a sosreport's name). */
        NO,
        /** Run the command (or copy the file); a non-zero exit means the input was not collected. */
        RUN,
        /**
         * Run the command; a non-zero exit is the command's answer (the peer is unreachable), not a
         * failure to collect: the file is kept and nothing is recorded as not collected.
         */
        PROBE,
        /**
         * Run the command only when the systemd unit it reads ({@code --unit NAME}) exists; of an
         * input's sources marked so, the first whose unit exists is run.
         */
        IF_UNIT
    }

    /** What {@code {target}} stands for in a per-target source. */
    public enum Target {
        /** Not a per-target source. */
        NONE,
        /** The host IP of every other node. */
        PEER,
        /** A network interface of the node. */
        INTERFACE
    }

    public FactSource {
        alsoProvides = alsoProvides == null ? List.of() : List.copyOf(alsoProvides);
        collect = collect == null ? Collect.NO : collect;
        target = target == null ? Target.NONE : target;
    }

    /** Every input this source gives, its own first. */
    public List<String> inputs() {
        List<String> all = new java.util.ArrayList<>();
        all.add(input);
        all.addAll(alsoProvides);
        return all;
    }

    /** The same source, also giving these inputs. */
    public FactSource alsoProviding(String... inputs) {
        return new FactSource(input, command, fileName, targetPattern, parser, List.of(inputs), collect, target);
    }

    /** The same source, run (or copied) by the node collector. */
    public FactSource run() {
        return collected(Collect.RUN);
    }

    /** The same source, run by the node collector, whose non-zero exit is an answer. */
    public FactSource probe() {
        return collected(Collect.PROBE);
    }

    /** The same source, run by the node collector when its systemd unit exists. */
    public FactSource runIfUnit() {
        if (unit() == null) {
            throw new IllegalArgumentException(command + ": no --unit to check");
        }
        return collected(Collect.IF_UNIT);
    }

    private FactSource collected(Collect how) {
        return new FactSource(input, command, fileName, targetPattern, parser, alsoProvides, how, target);
    }

    /** The same per-target source, its target being of this kind. */
    public FactSource per(Target kind) {
        if (!perTarget()) {
            throw new IllegalArgumentException(command + ": not a per-target source");
        }
        return new FactSource(input, command, fileName, targetPattern, parser, alsoProvides, collect, kind);
    }

    /** The systemd unit the command reads ({@code journalctl --unit NAME}), or null. */
    public String unit() {
        if (command == null) {
            return null;
        }
        String[] words = command.trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--unit") || words[i].equals("-u")) {
                return words[i + 1];
            }
        }
        return null;
    }

    static final String TARGET = "{target}";

    public static FactSource command(String input, String command, Supplier<CommandParser> parser) {
        if (command.contains(TARGET)) {
            // Mangle around a sentinel so the per-target part keeps sosreport's naming too.
            String mangled = SosNaming.fileName(command.replace(TARGET, "NRTARGETNR"));
            int at = mangled.indexOf("NRTARGETNR");
            String before = mangled.substring(0, at);
            String after = mangled.substring(at + "NRTARGETNR".length());
            // A target never starts with '-': "ethtool_-i_eth0" is another command, not a target.
            Pattern pattern = Pattern.compile(Pattern.quote(before) + "([^-].*)" + Pattern.quote(after));
            return new FactSource(input, command, before + TARGET + after, pattern, parser, List.of(), null, null);
        }
        return new FactSource(input, command, SosNaming.fileName(command), null, parser, List.of(), null, null);
    }

    public static FactSource copiedFile(String input, String path, Supplier<CommandParser> parser) {
        return new FactSource(input, null, path, null, parser, List.of(), null, null);
    }

    public boolean perTarget() {
        return targetPattern != null;
    }

    /** The target a per-target file name names, or null when the name is not this source's. */
    public String targetOf(String name) {
        if (targetPattern == null) {
            return null;
        }
        Matcher m = targetPattern.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /** The file name for one target of a per-target source. */
    public String fileNameFor(String target) {
        return fileName.replace(TARGET, SosNaming.fileName(target));
    }

    /** The live command for one target. */
    public String commandFor(String target) {
        return command == null ? null : command.replace(TARGET, target);
    }

    /**
     * The live command as the argument list to execute: the command split at spaces, and
     * {@code {target}} replaced by the target as one argument (null target: no per-target part).
     */
    public List<String> argv(String target) {
        if (command == null) {
            throw new IllegalStateException(fileName + " is a copied file, not a command");
        }
        List<String> argv = new java.util.ArrayList<>();
        for (String word : command.trim().split("\\s+")) {
            argv.add(target == null ? word : word.replace(TARGET, target));
        }
        return argv;
    }

    /** A copied file (its path is the file name), not a command. */
    public boolean copied() {
        return command == null;
    }
}
