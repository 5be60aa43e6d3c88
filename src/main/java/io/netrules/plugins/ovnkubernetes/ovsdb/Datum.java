package io.netrules.plugins.ovnkubernetes.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value of one OVSDB column: a set of atoms, or a map from atoms to atoms. A scalar column
 * holds a set of one; an optional one a set of zero or one. Atoms are {@link String},
 * {@link Long}, {@link Double}, {@link Boolean} or {@link Uuid}. Equality ignores order, as
 * OVSDB does (files and tools print sets sorted, but a diff applied here appends).
 */
public final class Datum {
    /** The empty set (also what an absent optional column holds). */
    public static final Datum EMPTY_SET = new Datum(new LinkedHashMap<>(), false);
    public static final Datum EMPTY_MAP = new Datum(new LinkedHashMap<>(), true);

    /** For a set each key maps to itself; for a map, to its value. */
    private final LinkedHashMap<Object, Object> entries;
    /** Final but for {@link #applyDiffInPlace}, which only the replay calls on its own copies. */
    private boolean map;

    private Datum(LinkedHashMap<Object, Object> entries, boolean map) {
        this.entries = entries;
        this.map = map;
    }

    public static Datum atom(Object atom) {
        LinkedHashMap<Object, Object> e = new LinkedHashMap<>();
        e.put(atom, atom);
        return new Datum(e, false);
    }

    public static Datum set(List<?> atoms) {
        LinkedHashMap<Object, Object> e = new LinkedHashMap<>();
        for (Object a : atoms) {
            e.put(a, a);
        }
        return new Datum(e, false);
    }

    public static Datum map(Map<?, ?> pairs) {
        return new Datum(new LinkedHashMap<>(pairs), true);
    }

    /**
     * Reads OVSDB JSON: an atom ({@code "s"}, {@code 1}, {@code 1.5}, {@code true},
     * {@code ["uuid", ...]}, {@code ["named-uuid", ...]}), {@code ["set", [atoms]]} or
     * {@code ["map", [[key, value], ...]]}.
     */
    static Datum fromJson(JsonNode json) throws OvsdbDataException {
        if (json.isArray() && json.size() == 2 && json.get(0).isTextual()) {
            String tag = json.get(0).asText();
            JsonNode body = json.get(1);
            if (tag.equals("set")) {
                if (!body.isArray()) {
                    throw new OvsdbDataException("[\"set\", ...] without an array of atoms");
                }
                LinkedHashMap<Object, Object> e = new LinkedHashMap<>();
                for (JsonNode a : body) {
                    Object atom = atomFromJson(a);
                    e.put(atom, atom);
                }
                return new Datum(e, false);
            }
            if (tag.equals("map")) {
                if (!body.isArray()) {
                    throw new OvsdbDataException("[\"map\", ...] without an array of pairs");
                }
                LinkedHashMap<Object, Object> e = new LinkedHashMap<>();
                for (JsonNode pair : body) {
                    if (!pair.isArray() || pair.size() != 2) {
                        throw new OvsdbDataException("a map entry is not a [key, value] pair");
                    }
                    e.put(atomFromJson(pair.get(0)), atomFromJson(pair.get(1)));
                }
                return new Datum(e, true);
            }
        }
        return atom(atomFromJson(json));
    }

    static Object atomFromJson(JsonNode json) throws OvsdbDataException {
        if (json.isTextual()) {
            return json.textValue();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        if (json.isIntegralNumber()) {
            if (!json.canConvertToLong()) {
                throw new OvsdbDataException("integer out of range: " + shorten(json.asText()));
            }
            return json.longValue();
        }
        if (json.isNumber()) {
            return json.doubleValue();
        }
        if (json.isArray() && json.size() == 2 && json.get(0).isTextual() && json.get(1).isTextual()) {
            String tag = json.get(0).textValue();
            if (tag.equals("uuid")) {
                return Uuid.of(json.get(1).textValue());
            }
            if (tag.equals("named-uuid")) {
                return new Uuid(json.get(1).textValue(), true);
            }
        }
        throw new OvsdbDataException("not an OVSDB atom: " + shorten(json.toString()));
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /**
     * This value changed by a diff, as ovsdb_datum_apply_diff_in_place() does for a column that
     * may hold more than one element: a set element in the diff is removed when present and added
     * when absent (symmetric difference); a map key in the diff is added when absent, removed
     * when present with the same value, and gets the diff's value otherwise.
     */
    Datum applyDiff(Datum diff) {
        Datum copy = new Datum(new LinkedHashMap<>(entries), map);
        copy.applyDiffInPlace(diff);
        return copy;
    }

    /**
     * {@link #applyDiff} on this value itself: a log changes a large set (an address set, a port
     * group) many times, and a copy each time would make the replay quadratic. Only for values
     * the replay owns, never for a value a row already handed out.
     */
    void applyDiffInPlace(Datum diff) {
        for (Map.Entry<Object, Object> d : diff.entries.entrySet()) {
            Object key = d.getKey();
            if (!entries.containsKey(key)) {
                entries.put(key, d.getValue());
            } else if (map && !Objects.equals(entries.get(key), d.getValue())) {
                entries.put(key, d.getValue());
            } else {
                entries.remove(key);
            }
        }
        map |= diff.map;
    }

    public boolean isMap() {
        return map;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The atoms of a set, or the keys of a map. */
    public List<Object> atoms() {
        return List.copyOf(entries.keySet());
    }

    /** The only atom, or null when the set is empty (an optional column not set). */
    public Object single() {
        return entries.isEmpty() ? null : entries.keySet().iterator().next();
    }

    /** Every atom as text (a UUID as its value): set columns of strings, such as addresses. */
    public List<String> strings() {
        List<String> out = new ArrayList<>(entries.size());
        for (Object a : entries.keySet()) {
            out.add(text(a));
        }
        return Collections.unmodifiableList(out);
    }

    /** A map column as text to text (external_ids, options, other_config, vips). */
    public Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (map) {
            entries.forEach((k, v) -> out.put(text(k), text(v)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The UUIDs of a reference column. */
    public List<String> uuids() {
        List<String> out = new ArrayList<>();
        for (Object a : entries.keySet()) {
            if (a instanceof Uuid u) {
                out.add(u.value());
            }
        }
        return out;
    }

    /** An atom as text: a UUID as its value; null stays null. */
    public static String text(Object atom) {
        return atom == null ? null : atom instanceof Uuid u ? u.value() : atom.toString();
    }

    @Override
    public boolean equals(Object o) {
        // An empty set and an empty map are the same value: OVSDB prints an unset map column
        // as ["map",[]] and a diff may call it ["set",[]].
        return o instanceof Datum d && (map == d.map || entries.isEmpty()) && entries.equals(d.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        if (map) {
            return entries.toString();
        }
        return entries.size() == 1 ? String.valueOf(single()) : entries.keySet().toString();
    }
}
