package io.netrules.plugins.openshiftsdn.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netrules.model.NodeConfig;
import io.netrules.model.ToolErrorKind;
import io.netrules.parse.CommandParser;
import io.netrules.parse.Line;
import io.netrules.parse.ParseContext;
import io.netrules.parse.ToolFailures;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the network part of {@code /etc/origin/node/node-config.yaml} (file
 * {@code etc/origin/node/node-config.yaml}) into one {@link NodeConfig}:
 *
 * <pre>
 * kind: NodeConfig
 * apiVersion: v1
 * dnsBindAddress: "127.0.0.1:53"
 * dnsDomain: cluster.local
 * dnsIP: 0.0.0.0
 * iptablesSyncPeriod: "30s"
 * masterKubeConfig: node.kubeconfig
 * networkConfig:
 *   mtu: 1450
 *   networkPluginName: redhat/openshift-ovs-subnet
 * nodeIP: 10.0.0.11
 * servingInfo:
 *   bindAddress: 0.0.0.0:10250
 * </pre>
 *
 * <p>{@code networkConfig.networkPluginName} wins over the top-level {@code networkPluginName}
 * that 3.0/3.1 configs also carry. The source is the {@code mtu:} line where there is one
 * (line 1 otherwise). The file is small, so it is buffered and read with Jackson's streaming
 * YAML parser, which only reports tokens and never builds objects from YAML tags. Malformed
 * YAML gives one warning at the line the YAML error names and no fact; an mtu that is not a
 * whole number gives a warning and a null mtu.
 */
public final class NodeConfigParser implements CommandParser {
    @Override
    public void parse(Iterable<Line> lines, ParseContext ctx) {
        List<Line> buffered = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean content = false;
        for (Line line : lines) {
            buffered.add(line);
            String t = line.text();
            if (t.endsWith("\r")) {
                t = t.substring(0, t.length() - 1);
            }
            text.append(t).append('\n');
            content |= !t.isBlank();
        }
        if (!content) {
            return;
        }
        new Reader(ctx, buffered).read(text.toString());
    }

    private static final class Reader {
        private final ParseContext ctx;
        private final List<Line> lines;
        private Integer mtu;
        private Line mtuLine;
        private String pluginName;
        private String topLevelPluginName;
        private String nodeIP;
        private String imageFormat;

        Reader(ParseContext ctx, List<Line> lines) {
            this.ctx = ctx;
            this.lines = lines;
        }

        void read(String yaml) {
            try (JsonParser p = ctx.limits().boundedYaml(ctx.limits().yamlFactory().createParser(yaml))) {
                JsonToken first = p.nextToken();
                if (first == null) {
                    return; // only comments
                }
                if (first != JsonToken.START_OBJECT) {
                    notAMapping();
                    return;
                }
                readObject(p, "");
            } catch (JacksonException e) {
                malformed(e, yaml);
                return;
            } catch (IOException | RuntimeException e) {
                ctx.warn(lines.get(0), "cannot read node-config.yaml: " + e);
                return;
            }
            String plugin = pluginName != null ? pluginName : topLevelPluginName;
            Line sourceLine = mtuLine != null ? mtuLine : lines.get(0);
            ctx.emit(new NodeConfig(ctx.node(), mtu, plugin, nodeIP, imageFormat, ctx.source(sourceLine)));
        }

        /** Reads the mapping whose START_OBJECT was just read; descends only into networkConfig and imageConfig. */
        private void readObject(JsonParser p, String prefix) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Line keyLine = line(p.currentTokenLocation());
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT && (path.equals("networkConfig") || path.equals("imageConfig"))) {
                    readObject(p, path);
                    continue;
                }
                switch (path) {
                    case "networkConfig.mtu" -> mtu(p, value, keyLine);
                    case "networkConfig.networkPluginName" -> pluginName = string(p, value, keyLine, path);
                    case "networkPluginName" -> topLevelPluginName = string(p, value, keyLine, path);
                    case "nodeIP" -> nodeIP = string(p, value, keyLine, path);
                    case "imageConfig.format" -> imageFormat = string(p, value, keyLine, path);
                    default -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalStateException("unexpected YAML token " + t);
            }
        }

        private void mtu(JsonParser p, JsonToken value, Line keyLine) throws IOException {
            mtuLine = keyLine;
            mtu = null;
            if (value == JsonToken.VALUE_NULL) {
                return;
            }
            String raw;
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
                raw = "a YAML " + (value == JsonToken.START_OBJECT ? "mapping" : "list");
            } else {
                raw = p.getText();
                if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                    mtu = p.getIntValue();
                    return;
                }
                try {
                    mtu = Integer.valueOf(raw.strip());
                    return;
                } catch (NumberFormatException e) {
                    // warned below
                }
            }
            ctx.warn(keyLine, "networkConfig.mtu is not a number: " + shorten(raw));
        }

        private String string(JsonParser p, JsonToken value, Line keyLine, String path) throws IOException {
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
                ctx.warn(keyLine, path + " is not a single value");
                return null;
            }
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            String s = p.getText().strip();
            return s.isEmpty() ? null : s;
        }

        private void malformed(JacksonException e, String yaml) {
            String first = firstContentLine();
            ToolErrorKind kind = ToolFailures.classify(first);
            if (kind != null) {
                ctx.toolFailed(kind, lines.stream().filter(l -> l.text().strip().equals(first)).findFirst()
                        .orElse(lines.get(0)));
                return;
            }
            int errorLine = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            String message = e.getOriginalMessage();
            // SnakeYAML knows where the problem is; Jackson only knows where its own reading stopped.
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                    errorLine = m.getProblemMark().getLine() + 1;
                    message = m.getProblem();
                    break;
                }
                if (c instanceof ReaderException r) {
                    errorLine = lineOfCodePoint(yaml, r.getPosition());
                    message = r.getMessage();
                    break;
                }
            }
            if (message == null) {
                message = e.getClass().getSimpleName();
            } else if (message.startsWith("Expected a field name")) {
                message = "a mapping key that is not a plain value (an unrendered {{ }} template?)";
            }
            ctx.warn(lineAt(errorLine), "malformed YAML: " + shorten(message.strip().lines().findFirst().orElse("")));
        }

        private static int lineOfCodePoint(String text, int codePoint) {
            int end;
            try {
                end = text.offsetByCodePoints(0, Math.max(0, codePoint));
            } catch (IndexOutOfBoundsException e) {
                end = text.length();
            }
            int line = 1;
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private void notAMapping() {
            String first = firstContentLine();
            Line at = lines.stream().filter(l -> l.text().strip().equals(first)).findFirst().orElse(lines.get(0));
            ToolErrorKind kind = ToolFailures.classify(first);
            if (kind != null) {
                ctx.toolFailed(kind, at);
            } else {
                ctx.warn(at, "node-config.yaml is not a YAML mapping");
            }
        }

        private String firstContentLine() {
            for (Line l : lines) {
                String s = l.text().strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    return s;
                }
            }
            return "";
        }

        /** The input line a YAML location points at (Jackson counts lines from 1). */
        private Line line(JsonLocation location) {
            return lineAt(location == null ? 1 : location.getLineNr());
        }

        private Line lineAt(int n) {
            if (n < 1) {
                n = 1;
            }
            return lines.get(Math.min(n, lines.size()) - 1);
        }

        private static String shorten(String s) {
            String clean = s.replaceAll("\\p{Cntrl}", "?");
            return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
        }
    }
}
