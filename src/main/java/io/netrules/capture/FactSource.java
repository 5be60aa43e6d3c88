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
 */
public record FactSource(String input, String command, String fileName, Pattern targetPattern,
                         Supplier<CommandParser> parser, List<String> alsoProvides) {

    public FactSource {
        alsoProvides = alsoProvides == null ? List.of() : List.copyOf(alsoProvides);
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
        return new FactSource(input, command, fileName, targetPattern, parser, List.of(inputs));
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
            return new FactSource(input, command, before + TARGET + after, pattern, parser, List.of());
        }
        return new FactSource(input, command, SosNaming.fileName(command), null, parser, List.of());
    }

    public static FactSource copiedFile(String input, String path, Supplier<CommandParser> parser) {
        return new FactSource(input, null, path, null, parser, List.of());
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
}
