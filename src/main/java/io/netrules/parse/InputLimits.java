package io.netrules.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a capture netrules reads: captures come from customers' machines and may be huge,
 * truncated or hostile, and a diagnosis must not run out of memory on one. Each limit, when hit,
 * is a warning naming the file (and line), never an OutOfMemoryError.
 *
 * @param fileSize       bytes of one capture file (and of one archive entry); a larger file is not read
 * @param lineLength     characters of one line of a text file; a longer line is skipped
 * @param files          entries listed in one capture; beyond it, listing stops
 * @param jsonDepth      nesting depth of JSON and YAML documents
 * @param stringLength   characters of one JSON or YAML string (and YAML code points of a document: see
 *                       {@link #yamlFactory()})
 * @param archiveSize    bytes extracted from one archive in all
 * @param archiveEntries entries of one archive
 */
public record InputLimits(long fileSize, long lineLength, long files, long jsonDepth, long stringLength,
                          long archiveSize, long archiveEntries) {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    private static final long GIB = MIB * KIB;

    /**
     * 512 MiB a file (the figure; the largest real inputs, a busy node's journal or
     * flow dump, are tens of MiB); 1 Mi characters a line (a flow or an iptables rule is under
     * 1 KiB; a pods.json printed on one line is read by the JSON reader, which has no line
     * limit); a million files a capture (a sosreport has a few thousand); depth 200 (Kubernetes
     * objects nest about 15 deep); 16 Mi characters a string; 16 GiB and 2 million entries an
     * archive.
     */
    public static final InputLimits DEFAULTS = new InputLimits(512 * MIB, MIB, 1_000_000, 200, 16 * MIB,
            16 * GIB, 2_000_000);

    /** The names {@code --limit NAME=VALUE} takes, with what each is for (docs and errors). */
    public static final Map<String, String> NAMES;

    static {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("file-size", "bytes of one file or archive entry (default 512MiB)");
        names.put("line-length", "characters of one line of a text file (default 1Mi)");
        names.put("files", "files listed in one capture (default 1000000)");
        names.put("json-depth", "nesting depth of JSON and YAML (default 200)");
        names.put("string-length", "characters of one JSON or YAML string (default 16Mi)");
        names.put("archive-size", "bytes extracted from one archive (default 16GiB)");
        names.put("archive-entries", "entries of one archive (default 2000000)");
        NAMES = java.util.Collections.unmodifiableMap(names);
    }

    public InputLimits {
        for (long v : new long[] {fileSize, lineLength, files, jsonDepth, stringLength, archiveSize, archiveEntries}) {
            if (v < 1) {
                throw new IllegalArgumentException("a limit must be at least 1");
            }
        }
    }

    /** These limits with one changed; {@code value} may carry a unit: 512MiB, 1G, 64k, 1Mi. */
    public InputLimits with(String name, String value) {
        long v = parseSize(value);
        return switch (name) {
            case "file-size" -> new InputLimits(v, lineLength, files, jsonDepth, stringLength, archiveSize,
                    archiveEntries);
            case "line-length" -> new InputLimits(fileSize, v, files, jsonDepth, stringLength, archiveSize,
                    archiveEntries);
            case "files" -> new InputLimits(fileSize, lineLength, v, jsonDepth, stringLength, archiveSize,
                    archiveEntries);
            case "json-depth" -> new InputLimits(fileSize, lineLength, files, v, stringLength, archiveSize,
                    archiveEntries);
            case "string-length" -> new InputLimits(fileSize, lineLength, files, jsonDepth, v, archiveSize,
                    archiveEntries);
            case "archive-size" -> new InputLimits(fileSize, lineLength, files, jsonDepth, stringLength, v,
                    archiveEntries);
            case "archive-entries" -> new InputLimits(fileSize, lineLength, files, jsonDepth, stringLength,
                    archiveSize, v);
            default -> throw new IllegalArgumentException("unknown limit '" + name + "' (known: "
                    + String.join(", ", NAMES.keySet()) + ")");
        };
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);

    /** 1024-based whatever the spelling (k, K, KiB, KB): sizes of files, not of disks on sale. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number (units: k, M, G, T, e.g. 512MiB)");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** A size for people: 512 MiB, 1 KiB, 300 bytes. */
    public static String bytes(long n) {
        if (n >= GIB && n % GIB == 0) {
            return n / GIB + " GiB";
        }
        if (n >= MIB && n % MIB == 0) {
            return n / MIB + " MiB";
        }
        if (n >= KIB && n % KIB == 0) {
            return n / KIB + " KiB";
        }
        return n + (n == 1 ? " byte" : " bytes");
    }

    /**
     * Jackson's read constraints for these limits: nesting depth and string length (names and
     * numbers keep Jackson's own caps, 50,000 and 1,000 characters).
     */
    public StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(clampInt(jsonDepth))
                .maxStringLength(clampInt(stringLength))
                .build();
    }

    // Factories and mappers are thread-safe and costly to build: one of each per set of limits.
    private static final Map<InputLimits, ObjectMapper> JSON_MAPPERS = new ConcurrentHashMap<>();
    private static final Map<InputLimits, ObjectMapper> YAML_MAPPERS = new ConcurrentHashMap<>();

    /** A JSON factory with these limits (shared; do not reconfigure it). */
    public JsonFactory jsonFactory() {
        return jsonMapper().getFactory();
    }

    /** An ObjectMapper reading JSON with these limits (shared; do not reconfigure it). */
    public ObjectMapper jsonMapper() {
        return JSON_MAPPERS.computeIfAbsent(this,
                l -> new ObjectMapper(JsonFactory.builder().streamReadConstraints(l.readConstraints()).build()));
    }

    /**
     * A YAML factory with these limits. Jackson's YAML parser reads SnakeYAML's events only and
     * never constructs objects from tags ({@code !!java.net.URL ...} stays a string), so there is
     * no arbitrary type to load; on top of that, SnakeYAML's own guards: nesting depth, a cap on
     * alias expansion (billion laughs), no recursive keys, and a document's code points capped at
     * the file-size limit (SnakeYAML's own default, 3 MB, would refuse a large pods.yaml).
     */
    public YAMLFactory yamlFactory() {
        return (YAMLFactory) yamlMapper().getFactory();
    }

    private YAMLFactory newYamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(clampInt(jsonDepth));
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(clampInt(fileSize));
        return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(readConstraints()).build();
    }

    /** An ObjectMapper reading YAML with these limits (shared; do not reconfigure it). */
    public ObjectMapper yamlMapper() {
        return YAML_MAPPERS.computeIfAbsent(this, l -> new ObjectMapper(l.newYamlFactory()));
    }

    /**
     * A YAML parser held to the string-length limit, which Jackson's YAML parser does not check
     * itself (its StreamReadConstraints cover JSON's string reading only): every string value and
     * key is measured as it is read. SnakeYAML's code-point limit bounds the document as a whole.
     */
    public JsonParser boundedYaml(JsonParser yaml) {
        return new StringLengthCheck(yaml, clampInt(stringLength));
    }

    /** Checks each string and name a parser returns; every next* goes through nextToken(). */
    private static final class StringLengthCheck extends JsonParserDelegate {
        private final int max;

        StringLengthCheck(JsonParser d, int max) {
            super(d);
            this.max = max;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
                int length = t == JsonToken.FIELD_NAME ? currentName().length() : getTextLength();
                if (length > max) {
                    throw new StreamConstraintsException("String value length (" + length
                            + ") exceeds the maximum allowed (" + max + ", --limit string-length)",
                            currentTokenLocation());
                }
            }
            return t;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }

        @Override
        public String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public boolean nextFieldName(SerializableString name) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
        }

        @Override
        public String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
        }

        @Override
        public long nextLongValue(long defaultValue) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
        }

        @Override
        public Boolean nextBooleanValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }
    }

    private static int clampInt(long v) {
        return (int) Math.min(Integer.MAX_VALUE, v);
    }

    /** The one-line reason Jackson gives when a constraint is hit, or null when it is another error. */
    public static String constraintHit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException sce) {
                return sce.getOriginalMessage().lines().findFirst().orElse("limit exceeded");
            }
        }
        return null;
    }
}
