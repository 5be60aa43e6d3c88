package io.netrules.plugins.ovnkubernetes.ovsdb;

/**
 * A UUID atom of OVSDB JSON: {@code ["uuid", "<36 chars>"]}, or {@code ["named-uuid", "<name>"]}
 * (a name a transaction gives to a row it inserts; files and tool output hold only real UUIDs,
 * but hand-made captures may carry either).
 */
public record Uuid(String value, boolean named) {
    public static Uuid of(String value) {
        return new Uuid(value, false);
    }

    @Override
    public String toString() {
        return value;
    }
}
