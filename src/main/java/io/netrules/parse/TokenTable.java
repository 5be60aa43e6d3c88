package io.netrules.parse;

/**
 * One String for each distinct token of a file: the parsers of large outputs (iptables-save,
 * flow dumps) see the same few thousand tokens ({@code -m}, {@code comment}, chain names, a
 * service's comment fifteen times) hundreds of thousands of times. Looking a token up by its
 * characters in the line, before any String is made, saves both the allocation and the memory
 * of the facts that keep it. A table is used by one parser on one thread; it stops growing at
 * {@link #MAX_ENTRIES} and then makes plain substrings, so a file of unique tokens costs no more
 * than it did.
 */
public final class TokenTable {
    static final int MAX_ENTRIES = 1 << 16;
    /** Tokens longer than this are rarely repeated (and expensive to compare): plain substrings. */
    private static final int MAX_LENGTH = 96;

    private String[] slots = new String[1024];
    private int[] hashes = new int[1024];
    private int size;

    /** The token {@code text[from, to)}, the same String as every earlier equal token. */
    public String get(String text, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return "";
        }
        if (length > MAX_LENGTH) {
            return text.substring(from, to);
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = slots.length - 1;
        int i = mix(h) & mask;
        while (true) {
            String s = slots[i];
            if (s == null) {
                String token = text.substring(from, to);
                if (size < MAX_ENTRIES) {
                    slots[i] = token;
                    hashes[i] = h;
                    if (++size * 2 > slots.length) {
                        grow();
                    }
                }
                return token;
            }
            if (hashes[i] == h && s.length() == length && s.regionMatches(0, text, from, length)) {
                return s;
            }
            i = (i + 1) & mask;
        }
    }

    /** The whole string, shared like a token. */
    public String get(String text) {
        return get(text, 0, text.length());
    }

    /**
     * Spreads the hash over the table: tokens of a file differ in one character (addresses,
     * ports), so their String hashes are close, and linear probing would put them in long runs.
     */
    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 15);
    }

    private void grow() {
        String[] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new String[oldSlots.length * 2];
        hashes = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] != null) {
                int i = mix(oldHashes[j]) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = oldSlots[j];
                hashes[i] = oldHashes[j];
            }
        }
    }
}
