package io.netrules.plugins.ovnkubernetes.ovsdb;

/** A JSON value that is not valid OVSDB data: the reader turns it into a warning with file and line. */
final class OvsdbDataException extends Exception {
    OvsdbDataException(String message) {
        super(message, null, false, false);
    }
}
