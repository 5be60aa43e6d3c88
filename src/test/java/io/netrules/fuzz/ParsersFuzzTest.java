package io.netrules.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netrules.capture.FactSource;
import io.netrules.capture.FactSources;
import io.netrules.parse.Line;
import io.netrules.parse.Lines;
import io.netrules.parse.ParseContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes every raw-output parser the {@link FactSources} registry binds. An input is a capture
 * file name on its first line and the file's bytes after it ({@code ethtool_eth0\n<output>}):
 * the name picks the source (and the per-target part, as the capture reader would), so every
 * parser is reachable and the seeds stay readable. A name the registry does not know still
 * picks a source, by its hash, so a mutated name is not a wasted run.
 *
 * <p>Plain {@code mvn test} replays the seeds and the crash regressions under
 * {@code ParsersFuzzTestInputs/parsers/}; {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class ParsersFuzzTest {
    /** The registry's sources that have a parser, in registry order. */
    static final List<FactSource> SOURCES = FactSources.all().stream().filter(s -> s.parser() != null).toList();

    @BeforeAll
    static void mode() {
        FuzzMode.configure();
    }

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // per input: a loop is a finding
    void parsers(byte[] input) {
        int nl = indexOf(input, (byte) '\n');
        String name = decode(input, 0, nl < 0 ? input.length : nl).strip();
        String text = nl < 0 ? "" : decode(input, nl + 1, input.length - nl - 1);
        parse(name, text);
    }

    /** Parses text as the file {@code name} of a node folder and checks the outcome. */
    static ParseContext.Collecting parse(String name, String text) {
        Optional<FactSources.Match> match = FactSources.match(name);
        FactSource source;
        String target;
        if (match.isPresent() && match.get().source().parser() != null) {
            source = match.get().source();
            target = match.get().target();
        } else {
            source = SOURCES.get(Math.floorMod(name.hashCode(), SOURCES.size()));
            target = source.perTarget() ? name : null;
        }
        String display = "nodes/node-1/" + (match.isPresent() ? name : source.fileName());
        ParseContext.Collecting c = ParseContext.collecting("node-1", display, source.input(), target);
        source.parser().get().parse(Lines.of(text), c.ctx);

        Map<String, Integer> lines = Map.of(display, lineCount(text));
        FuzzOracle.checkWarnings(c.warnings, lines);
        FuzzOracle.checkSources(c.facts, lines);
        return c;
    }

    static int lineCount(String text) {
        int n = 0;
        for (Line ignored : Lines.of(text)) {
            n++;
        }
        return n;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** UTF-8 with bad bytes replaced, as {@link Lines#open} reads a capture file. */
    static String decode(byte[] b, int from, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(b, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with REPLACE", e);
        }
    }
}
