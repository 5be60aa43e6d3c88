package io.netrules.collect;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test
    void parsesSecondsMinutesMillisAndPlainSeconds() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"", "s", "-1s", "1.5s", "10x", "0", "0s", "thirty"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
        }
    }

    @Test
    void formatsAsCaptureJsonSaysIt() {
        assertEquals("30 s", Durations.format(Duration.ofSeconds(30)));
        assertEquals("2 m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("90 s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("0.5 s", Durations.format(Duration.ofMillis(500)));
    }
}
