package io.netrules.engine;

/**
 * One piece of evidence: where it is (capture file, line or 0), what it shows, and what kind
 * of fact it is ({@code HostSubnet}, {@code OvsFlow}..., or {@code absent} for something a rule
 * looked for and did not find). The kind is shown with {@code --explain}.
 */
public record Evidence(String source, int line, String text, String fact) {
    public static final String ABSENT = "absent";
}
