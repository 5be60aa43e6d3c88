package io.netrules.model;

/**
 * A root-cause link: the finding {@code cause} explains the finding {@code symptom} (keys as
 * {@code ID@node/subject}). Link rules insert these; the report shows symptoms under their cause.
 */
public record Explains(String cause, String symptom) {
    public static Explains of(Finding cause, Finding symptom) {
        return new Explains(cause.key(), symptom.key());
    }
}
